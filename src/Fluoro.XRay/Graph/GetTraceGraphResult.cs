namespace Fluoro.XRay;

/// <summary>Response of GetTraceGraph.</summary>
public sealed record GetTraceGraphResult
{
    /// <summary>Every node of the given traces, each with its outgoing edges.</summary>
    public IReadOnlyList<GraphService> Services { get; init; } = [];

    /// <summary>Never set: the graph fits one page.</summary>
    public string? NextToken { get; init; }
}
