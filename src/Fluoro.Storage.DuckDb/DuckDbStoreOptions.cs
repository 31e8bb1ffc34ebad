namespace Fluoro.Storage.DuckDb;

/// <summary>Settings for <see cref="DuckDbTraceStore"/>.</summary>
public sealed class DuckDbStoreOptions
{
    /// <summary>Directory that holds the database file; created when missing. Required.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; init; } = "fluoro.duckdb";

    /// <summary>How long traces are kept; <see cref="DuckDbTraceStore.PurgeExpiredAsync"/> removes older ones. X-Ray keeps 30 days.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Most write batches waiting for the writer. When full, <see cref="DuckDbTraceStore.WriteAsync"/> waits
    /// (back-pressure) rather than dropping, so the caller decides what to shed and counts it. The writer
    /// drains the whole queue into each commit, so a small queue does not limit throughput; it bounds memory
    /// (256 batches of 1,000 documents of 1 KB is about 256 MB at worst).
    /// </summary>
    public int MaxQueuedBatches { get; init; } = 256;

    /// <summary>
    /// Most records committed in one transaction. Concurrent batches are grouped up to this size so that
    /// one commit (one WAL flush) serves many callers.
    /// </summary>
    public int MaxRecordsPerCommit { get; init; } = 50_000;

    /// <summary>DuckDB <c>memory_limit</c>, e.g. <c>1GB</c>; null keeps DuckDB's default (80% of RAM).</summary>
    public string? MemoryLimit { get; init; } = "2GB";

    /// <summary>
    /// DuckDB <c>checkpoint_threshold</c>: WAL size that triggers folding the WAL into the compressed file. Each
    /// checkpoint recompresses the table's last, partly filled row group, so small thresholds multiply the
    /// compression work: with 1,000-document commits, 64MB cost twice the CPU per segment of 256MB
    /// (docs/benchmarks.md). The price of a larger value is WAL replay time after a crash and memory.
    /// </summary>
    public string CheckpointThreshold { get; init; } = "256MB";

    /// <summary>Reader connections kept for concurrent queries.</summary>
    public int ReaderConnections { get; init; } = 4;
}
