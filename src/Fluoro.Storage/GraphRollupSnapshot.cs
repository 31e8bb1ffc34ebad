namespace Fluoro.Storage;

/// <summary>What <see cref="IGraphRollupStore.ReadAsync"/> returns.</summary>
/// <param name="Minutes">Stored minutes of the range, ascending.</param>
/// <param name="Watermark">Received time (epoch seconds) up to which late documents were accounted for; 0 when nothing was rolled up yet.</param>
public sealed record GraphRollupSnapshot(IReadOnlyList<GraphRollupMinute> Minutes, double Watermark);
