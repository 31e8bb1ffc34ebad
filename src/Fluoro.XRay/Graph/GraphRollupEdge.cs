namespace Fluoro.XRay;

/// <summary>One edge accumulator of a <see cref="GraphRollupNode"/>, keyed by its target node.</summary>
internal sealed class GraphRollupEdge
{
    public string Name { get; set; } = string.Empty;

    public string? Type { get; set; }

    public string? AccountId { get; set; }

    public GraphRollupStatistics Statistics { get; set; } = new();

    public List<string> Aliases { get; set; } = [];
}
