namespace Fluoro.XRay;

/// <summary>Body of <c>POST /Traces</c> (BatchGetTraces).</summary>
public sealed record BatchGetTracesRequest
{
    /// <summary>Trace ids to fetch (required, 1–5).</summary>
    public IReadOnlyList<string>? TraceIds { get; init; }

    /// <summary>Pagination token; every trace fits one page here, so a token is accepted and ignored.</summary>
    public string? NextToken { get; init; }
}
