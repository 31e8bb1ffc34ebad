namespace Fluoro.XRay;

/// <summary>One node accumulator of a <see cref="GraphRollupState"/>.</summary>
internal sealed class GraphRollupNode
{
    public string Name { get; set; } = string.Empty;

    public string? Type { get; set; }

    public string? AccountId { get; set; }

    public List<string> Names { get; set; } = [];

    public bool Root { get; set; }

    public bool Active { get; set; }

    public bool IsClient { get; set; }

    public GraphRollupStatistics Statistics { get; set; } = new();

    public List<GraphRollupEdge> Edges { get; set; } = [];
}
