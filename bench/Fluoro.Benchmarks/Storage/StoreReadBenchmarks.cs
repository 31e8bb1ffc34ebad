using BenchmarkDotNet.Attributes;
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
[Config(typeof(InProcessConfig))]
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
        _store = await DuckDbTraceStore.OpenAsync(new DuckDbStoreOptions { DataDirectory = StoreDataset.DirectoryFor(segments) });
        _latest = StoreDataset.BaseEpoch + (segments / 10_000.0);

        // Sample ids from 50 one-second slices spread over the whole data set, so lookups touch every region of the file.
        var ids = new List<string>();
        var span = _latest - StoreDataset.BaseEpoch;
        for (var k = 0; k < 50; k++)
        {
            var second = Math.Floor(StoreDataset.BaseEpoch + (span * k / 50));
            var page = await _store.SearchAsync(new TraceSearch { StartTime = second, EndTime = second + 1, TimeRangeType = TimeRangeType.TraceId, Limit = 100 });
            ids.AddRange(page.TraceIds);
        }

        _traceIds = [.. ids.OrderBy(id => (uint)id.GetHashCode(StringComparison.Ordinal))];
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

    /// <summary>What one GetTraceSummaries page costs the store: a 100 s search page of 100 ids, then those 100 traces.</summary>
    [Benchmark]
    public async Task<int> SearchPageAndGetHundredTracesAsync()
    {
        var second = Math.Floor(StoreDataset.BaseEpoch + ((_latest - StoreDataset.BaseEpoch - 200) * ((_next++ * 7919) % 1000) / 1000.0));
        var page = await _store.SearchAsync(new TraceSearch { StartTime = second, EndTime = second + 100, TimeRangeType = TimeRangeType.TraceId, Limit = 100 });
        var traces = await _store.GetTracesAsync(page.TraceIds);
        if (traces.Count != 100)
        {
            throw new InvalidOperationException($"{traces.Count} of 100 traces");
        }

        return traces.Count;
    }

    [Benchmark]
    public async Task<int> SearchNewestMinuteAsync()
    {
        var page = await _store.SearchAsync(new TraceSearch { StartTime = _latest - 60, EndTime = _latest + 1, TimeRangeType = TimeRangeType.TraceId });
        return page.TraceIds.Count;
    }
}
