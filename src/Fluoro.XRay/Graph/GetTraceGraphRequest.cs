namespace Fluoro.XRay;

/// <summary>Body of <c>POST /TraceGraph</c> (GetTraceGraph).</summary>
public sealed record GetTraceGraphRequest
{
    /// <summary>The traces whose graph to build (required).</summary>
    public IReadOnlyList<string>? TraceIds { get; init; }

    /// <summary>Paging token (the whole graph is returned in one page).</summary>
    public string? NextToken { get; init; }
}
