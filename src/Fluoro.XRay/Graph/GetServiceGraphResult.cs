namespace Fluoro.XRay;

/// <summary>Response of GetServiceGraph.</summary>
public sealed record GetServiceGraphResult
{
    /// <summary>The effective window start.</summary>
    public double StartTime { get; init; }

    /// <summary>The effective window end.</summary>
    public double EndTime { get; init; }

    /// <summary>Every node, each with its outgoing edges.</summary>
    public IReadOnlyList<GraphService> Services { get; init; } = [];

    /// <summary>True when a group's older filter versions contributed; Fluoro evaluates groups at query time, so always false.</summary>
    public bool ContainsOldGroupVersions { get; init; }

    /// <summary>Never set: the graph fits one page.</summary>
    public string? NextToken { get; init; }
}
