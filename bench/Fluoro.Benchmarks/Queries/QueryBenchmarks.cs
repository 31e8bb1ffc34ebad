extern alias xray;

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Fluoro.Benchmarks.Storage;
using Fluoro.Storage.DuckDb;
using xray::Fluoro.XRay;

namespace Fluoro.Benchmarks.Queries;

/// <summary>
/// X-Ray queries over the query data set (<see cref="QueryDataset"/>, FLUORO_BENCH_TRACES, default 1 M traces in one
/// hour; build it first with <c>-- query-dataset N</c>): GetTraceSummaries with a pushed-down filter, and
/// GetServiceGraph over the hour from per-minute rollups (computed once in setup, timed and printed).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
[Config(typeof(InProcessConfig))]
public class QueryBenchmarks
{
    private DuckDbTraceStore _store = null!;
    private DuckDbGraphRollupStore _rollups = null!;
    private TraceQueryService _queries = null!;
    private ServiceGraphService _graphs = null!;

    [GlobalSetup(Target = nameof(TraceSummariesServiceAndAnnotationAsync))]
    public async Task SetupSummariesAsync()
    {
        var traces = QueryDataset.Traces;
        await QueryDataset.EnsureAsync(traces, Console.Out);
        _store = await DuckDbTraceStore.OpenAsync(QueryDataset.Options(traces));
        _rollups = DuckDbGraphRollupStore.Open(QueryDataset.DirectoryFor(traces));
        _queries = new TraceQueryService(_store, new FilterExpressionCompiler());
    }

    /// <summary>Opens the data set, then rolls up its hour once (timed and printed) as the server's loop would.</summary>
    [GlobalSetup(Targets = [nameof(ServiceGraphHourAsync), nameof(TimeSeriesHourAsync)])]
    public async Task SetupGraphAsync()
    {
        await SetupSummariesAsync();
        var traces = QueryDataset.Traces;
        _graphs = new ServiceGraphService(_store, rollups: _rollups);

        // The rollup loop as the server runs it, with the clock ten minutes after the data set's hour.
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(QueryDataset.BaseEpoch + 4200));
        var rollup = new ServiceGraphRollup(_store, _rollups, clock) { MinutesPerCycle = 10 };
        var first = QueryDataset.BaseEpoch / 60;
        if ((await _rollups.ListMinutesAsync(first, first + 60)).Count < 60)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var minutes = 0;
            while ((await _rollups.ListMinutesAsync(first, first + 60)).Count < 60)
            {
                minutes += await rollup.RunOnceAsync();
            }

            Console.WriteLine(FormattableString.Invariant(
                $"rolled up {minutes} minutes in {wall.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU"));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _rollups.Dispose();
        await _store.DisposeAsync();
    }

    /// <summary>The first page (up to 100 summaries) of <c>service("svc-3") AND annotation.k = "v"</c> over the hour (1,000 matches).</summary>
    [Benchmark]
    public async Task<int> TraceSummariesServiceAndAnnotationAsync()
    {
        var result = await _queries.GetTraceSummariesAsync(new GetTraceSummariesRequest
        {
            StartTime = QueryDataset.BaseEpoch,
            EndTime = QueryDataset.BaseEpoch + QueryDataset.HourSeconds,
            FilterExpression = "service(\"svc-3\") AND annotation.k = \"v\"",
        });
        return result.TraceSummaries.Count;
    }

    /// <summary>GetServiceGraph over the hour: 60 rolled-up minutes merged, plus the late-document check.</summary>
    [Benchmark]
    public async Task<int> ServiceGraphHourAsync()
    {
        var result = await _graphs.GetServiceGraphAsync(new GetServiceGraphRequest
        {
            StartTime = QueryDataset.BaseEpoch,
            EndTime = QueryDataset.BaseEpoch + QueryDataset.HourSeconds,
        });
        return result.Services.Count;
    }

    /// <summary>GetTimeSeriesServiceStatistics over the hour, one-minute periods, for one service: 60 periods from the rollups.</summary>
    [Benchmark]
    public async Task<int> TimeSeriesHourAsync()
    {
        var result = await _graphs.GetTimeSeriesServiceStatisticsAsync(new GetTimeSeriesServiceStatisticsRequest
        {
            StartTime = QueryDataset.BaseEpoch,
            EndTime = QueryDataset.BaseEpoch + QueryDataset.HourSeconds,
            Period = 60,
            EntitySelectorExpression = "service(\"svc-3\")",
        });
        return result.TimeSeriesServiceStatistics.Count;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
