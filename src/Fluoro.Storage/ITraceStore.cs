namespace Fluoro.Storage;

/// <summary>
/// A trace store: writer, reader, retention and statistics over one backend. Owned by the composition
/// root, which disposes it last (after every writer has stopped), flushing anything pending.
/// </summary>
public interface ITraceStore : ITraceWriter, ITraceReader, IAsyncDisposable
{
    /// <summary>Deletes every trace whose newest document was received before <paramref name="cutoff"/> (epoch seconds). Returns traces removed.</summary>
    ValueTask<long> PurgeAsync(double cutoff, CancellationToken cancellationToken = default);

    /// <summary>Current statistics.</summary>
    StoreStatistics GetStatistics();
}
