namespace Fluoro.XRay;

/// <summary>Response of BatchGetTraces.</summary>
public sealed record BatchGetTracesResult
{
    /// <summary>Found traces, in request order.</summary>
    public IReadOnlyList<Trace> Traces { get; init; } = [];

    /// <summary>Requested ids that are unknown, expired or malformed.</summary>
    public IReadOnlyList<string> UnprocessedTraceIds { get; init; } = [];

    /// <summary>Always null: a call returns every requested trace.</summary>
    public string? NextToken { get; init; }
}
