using BenchmarkDotNet.Attributes;
using Fluoro.Storage;
using Fluoro.Storage.DuckDb;

namespace Fluoro.Benchmarks.Storage;

/// <summary>
/// Committed write throughput of the DuckDB store: 20,000 ~1 KB segments per operation, written as batches by
/// 16 concurrent callers (like the daemon's and API's ingest), each awaiting its commit. Time per segment is
/// reported (OperationsPerInvoke), so segments/s = 1e9 / Mean(ns).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoringConfig))]
public class StoreWriteBenchmarks
{
    private const int SegmentsPerOperation = 20_000;
    private const int Concurrency = 16;

    private string _directory = string.Empty;
    private DuckDbTraceStore _store = null!;
    private SegmentRecord[][] _batches = [];

    [Params(50, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"fluoro-bench-write-{Guid.NewGuid():N}");
        _store = await DuckDbTraceStore.OpenAsync(new DuckDbStoreOptions { DataDirectory = _directory });
        _batches = new SegmentGenerator(7).Segments(SegmentsPerOperation, StoreDataset.BaseEpoch).Chunk(BatchSize).ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = SegmentsPerOperation)]
    public async Task WriteSegmentsAsync()
    {
        var next = -1;
        var writers = new Task[Concurrency];
        for (var w = 0; w < writers.Length; w++)
        {
            writers[w] = Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < _batches.Length)
                {
                    await _store.WriteAsync(_batches[index]);
                }
            });
        }

        await Task.WhenAll(writers);
    }
}
