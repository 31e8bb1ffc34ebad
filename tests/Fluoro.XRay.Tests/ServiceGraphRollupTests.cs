using System.Globalization;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

/// <summary>GetServiceGraph from per-minute rollups equals the graph computed from every trace, late documents included.</summary>
public sealed class ServiceGraphRollupTests
{
    private const long Base = 1_499_473_200; // a minute boundary

    private readonly InMemoryTraceStore _store = new();
    private readonly InMemoryGraphRollupStore _rollups = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(Base + 600));
    private readonly SegmentIngestService _ingest;
    private readonly ServiceGraphRollup _rollup;
    private readonly ServiceGraphService _fromRollups;
    private readonly ServiceGraphService _live;

    public ServiceGraphRollupTests()
    {
        _ingest = new SegmentIngestService(_store, new IngestCounters(), _clock);
        _rollup = new ServiceGraphRollup(_store, _rollups, _clock) { MinutesPerCycle = 100 };
        _fromRollups = new ServiceGraphService(_store, rollups: _rollups);
        _live = new ServiceGraphService(_store);
    }

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // Trace i starts at Base + 17.3 i seconds: front-end svc-(i%3) calls backend-(i%2) (answered) and DynamoDB (inferred).
    private static IEnumerable<string> Trace(int i, double? backendEnd = null)
    {
        var traceId = $"1-{Base + (long)(i * 17.3):x8}-{i:x24}";
        var start = Base + (i * 17.3);
        var end = start + 0.9;
        var front = $"{i:x4}00000000000a";
        var call = $"{i:x4}00000000000b";
        var status = i % 5 == 0 ? 500 : i % 7 == 0 ? 404 : 200;
        yield return "{\"trace_id\":\"" + traceId + "\",\"id\":\"" + front + "\",\"name\":\"svc-" + (i % 3) + "\",\"origin\":\"AWS::EC2::Instance\",\"start_time\":" + N(start)
            + ",\"end_time\":" + N(end) + ",\"http\":{\"response\":{\"status\":" + status + "}},\"subsegments\":["
            + "{\"id\":\"" + call + "\",\"name\":\"backend-" + (i % 2) + "\",\"namespace\":\"remote\",\"start_time\":" + N(start + 0.1) + ",\"end_time\":" + N(start + 0.6) + "},"
            + "{\"id\":\"" + $"{i:x4}00000000000c" + "\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"start_time\":" + N(start + 0.65) + ",\"end_time\":" + N(start + 0.8)
            + ",\"aws\":{\"table_name\":\"orders\"}}]}";
        yield return "{\"trace_id\":\"" + traceId + "\",\"id\":\"" + $"{i:x4}00000000000d" + "\",\"parent_id\":\"" + call + "\",\"name\":\"backend-" + (i % 2)
            + "\",\"start_time\":" + N(start + 0.12) + ",\"end_time\":" + N(backendEnd ?? start + 0.55) + (i % 4 == 0 ? ",\"fault\":true" : string.Empty) + "}";
    }

    private async Task IngestAsync(IEnumerable<string> documents)
    {
        var result = await _ingest.IngestAsync(documents.Select(Docs.Utf8).ToList()).AsTask().DefaultTimeout();
        Assert.Empty(result.Unprocessed);
    }

    private static string Json(GetServiceGraphResult graph) => JsonSerializer.Serialize(graph, XRayGraphJsonContext.Default.GetServiceGraphResult);

    private async Task AssertSameAsync(double start, double end)
    {
        var request = new GetServiceGraphRequest { StartTime = start, EndTime = end };
        var expected = await _live.GetServiceGraphAsync(request).AsTask().DefaultTimeout();
        var actual = await _fromRollups.GetServiceGraphAsync(request).AsTask().DefaultTimeout();
        Assert.NotEmpty(expected.Services);
        Assert.Equal(Json(expected), Json(actual));
    }

    [Fact]
    public async Task Rolled_up_minutes_merge_to_the_live_graph_for_whole_and_partial_windows()
    {
        await IngestAsync(Enumerable.Range(0, 30).SelectMany(i => Trace(i)));

        // A minute later the documents are older than the rollups' watermark, so the rolled-up minutes are used as stored.
        _clock.Now = _clock.Now.AddSeconds(60);
        await _rollup.RunOnceAsync().DefaultTimeout();
        Assert.True(_rollups.Count >= 8, $"only {_rollups.Count} minutes rolled up");

        await AssertSameAsync(Base, Base + 540);
        await AssertSameAsync(Base + 35.5, Base + 401.25);
        await AssertSameAsync(Base + 61, Base + 119);
        await AssertSameAsync(Base + 100, Base + 700);
    }

    [Theory]
    [InlineData(60, null)]
    [InlineData(120, "service(\"svc-1\")")]
    [InlineData(300, "edge(\"svc-0\", \"backend-0\")")]
    [InlineData(60, "service(id(name: \"orders\", type: \"AWS::DynamoDB::Table\"))")]
    public async Task Time_series_from_rolled_up_minutes_equal_the_live_series(int period, string? selector)
    {
        await IngestAsync(Enumerable.Range(0, 30).SelectMany(i => Trace(i)));
        _clock.Now = _clock.Now.AddSeconds(60);
        await _rollup.RunOnceAsync().DefaultTimeout();

        foreach (var (start, end) in new[] { (Base, Base + 540.0), (Base + 35.5, Base + 401.25), (Base + 100.0, Base + 700.0) })
        {
            var request = new GetTimeSeriesServiceStatisticsRequest { StartTime = start, EndTime = end, Period = period, EntitySelectorExpression = selector };
            var expected = await _live.GetTimeSeriesServiceStatisticsAsync(request).AsTask().DefaultTimeout();
            var actual = await _fromRollups.GetTimeSeriesServiceStatisticsAsync(request).AsTask().DefaultTimeout();
            Assert.NotEmpty(expected.TimeSeriesServiceStatistics);
            Assert.Equal(
                JsonSerializer.Serialize(expected, XRayGraphJsonContext.Default.GetTimeSeriesServiceStatisticsResult),
                JsonSerializer.Serialize(actual, XRayGraphJsonContext.Default.GetTimeSeriesServiceStatisticsResult));
        }
    }

    [Fact]
    public async Task A_late_document_is_seen_at_once_and_its_minutes_are_recomputed()
    {
        await IngestAsync(Enumerable.Range(0, 30).SelectMany(i => Trace(i).Take(1)));
        await _rollup.RunOnceAsync().DefaultTimeout();
        var before = await _fromRollups.GetServiceGraphAsync(new GetServiceGraphRequest { StartTime = Base, EndTime = Base + 540 }).AsTask().DefaultTimeout();

        // The back ends answer late: their segments turn inferred nodes into real ones in minutes already rolled up.
        _clock.Now = _clock.Now.AddSeconds(120);
        await IngestAsync(Enumerable.Range(0, 30).SelectMany(i => Trace(i).Skip(1)));
        await AssertSameAsync(Base, Base + 540);
        Assert.NotEqual(Json(before), Json(await _fromRollups.GetServiceGraphAsync(new GetServiceGraphRequest { StartTime = Base, EndTime = Base + 540 }).AsTask().DefaultTimeout()));

        _clock.Now = _clock.Now.AddSeconds(60);
        await _rollup.RunOnceAsync().DefaultTimeout();
        await AssertSameAsync(Base, Base + 540);
    }
}
