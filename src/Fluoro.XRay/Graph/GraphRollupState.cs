namespace Fluoro.XRay;

/// <summary>
/// The mergeable state of a <see cref="ServiceGraphBuilder"/> (what a rollup minute stores): accumulators, not the
/// built graph, so that flags and names of nodes idle in one minute still count when minutes are merged.
/// </summary>
internal sealed class GraphRollupState
{
    public List<GraphRollupNode> Nodes { get; set; } = [];
}
