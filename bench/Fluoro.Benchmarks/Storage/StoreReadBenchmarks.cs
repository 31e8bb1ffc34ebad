using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Fluoro.Storage;
using Fluoro.Storage.DuckDb;

namespace Fluoro.Benchmarks.Storage;

/// <summary>
/// Reads against the large data set (FLUORO_BENCH_SEGMENTS, default 10 M; build it first with
/// <c>-- store-dataset N</c>): one whole trace by id, and the newest page of a one-minute search.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Q3Column]
[MaxColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class StoreReadBenchmarks
{
    private DuckDbTraceStore _store = null!;
    private string[] _traceIds = [];
    private int _next;
    private double _latest;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var segments = StoreDataset.SegmentsFromEnvironment();
        await StoreDataset.EnsureAsync(segments, Console.Out);
        _traceIds = StoreDataset.SampleTraceIds(segments);
        _store = await DuckDbTraceStore.OpenAsync(new DuckDbStoreOptions { DataDirectory = StoreDataset.DirectoryFor(segments) });
        _latest = StoreDataset.BaseEpoch + (segments / 10_000.0);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _store.DisposeAsync();

    [Benchmark]
    public async Task<int> GetOneTraceAsync()
    {
        var id = _traceIds[_next++ % _traceIds.Length];
        var traces = await _store.GetTracesAsync([id]);
        var count = traces[id].Count;
        if (count < SegmentGenerator.SegmentsPerTrace)
        {
            throw new InvalidOperationException($"{id}: {count} segments");
        }

        return count;
    }

    [Benchmark]
    public async Task<int> SearchNewestMinuteAsync()
    {
        var page = await _store.SearchAsync(new TraceSearch { StartTime = _latest - 60, EndTime = _latest + 1, TimeRangeType = TimeRangeType.TraceId });
        return page.TraceIds.Count;
    }
}
