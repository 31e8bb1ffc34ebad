namespace Fluoro.Storage;

/// <summary>
/// Per-minute service-graph rollups: an opaque state per epoch minute (the X-Ray layer's merged node and edge
/// statistics for that minute) plus one watermark, the received time up to which late-arriving documents have
/// been accounted for (minutes they touched were invalidated).
/// <para>Ownership: the rollups are derived data. The X-Ray rollup worker is their only writer; a store may drop
/// them at any time (they are recomputed from the traces), and they never outlive the traces' retention in meaning.</para>
/// <para>Durability: a completed <see cref="WriteAsync"/> is committed (minutes, invalidations and watermark
/// together, atomically); after a crash either all of one write is visible or none.</para>
/// <para>Thread safety: reads may run concurrently with one writer.</para>
/// </summary>
public interface IGraphRollupStore
{
    /// <summary>Stored minutes in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>), ascending, and the watermark.</summary>
    ValueTask<GraphRollupSnapshot> ReadAsync(long fromMinute, long toMinute, CancellationToken cancellationToken = default);

    /// <summary>Which minutes in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>) are stored, ascending (no states read).</summary>
    ValueTask<IReadOnlyList<long>> ListMinutesAsync(long fromMinute, long toMinute, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the <paramref name="invalidated"/> minutes, then stores <paramref name="minutes"/> (replacing any
    /// stored state of the same minute), and sets the watermark, in one transaction.
    /// </summary>
    ValueTask WriteAsync(IReadOnlyList<GraphRollupMinute> minutes, IReadOnlyCollection<long> invalidated, double watermark, CancellationToken cancellationToken = default);
}
