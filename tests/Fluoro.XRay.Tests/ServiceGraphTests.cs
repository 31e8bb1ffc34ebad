using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

public sealed class ServiceGraphTests
{
    private const string Trace1 = "1-5960082b-ab52431b496add878434aa25";
    private const string Trace2 = "1-5960082c-bb52431b496add878434aa26";

    private readonly InMemoryTraceStore _store = new();
    private readonly SegmentIngestService _ingest;
    private readonly ServiceGraphService _graphs;

    public ServiceGraphTests()
    {
        _ingest = new SegmentIngestService(_store, new IngestCounters(), new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_499_473_500)));
        _graphs = new ServiceGraphService(_store);
    }

    // web (EC2, root) calls api.internal (answered by the "api" service, which faults) and DynamoDB (inferred table).
    private static string[] Topology(string traceId, string suffix, int webStatus, bool apiFault)
    {
        var apiStatus = apiFault ? 500 : 200;
        var web = "{\"trace_id\":\"" + traceId + "\",\"id\":\"a00000000000000" + suffix + "\",\"name\":\"web\",\"origin\":\"AWS::EC2::Instance\","
            + "\"start_time\":1499473400.0,\"end_time\":1499473400.5,"
            + "\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://web/\"},\"response\":{\"status\":" + webStatus + "}},"
            + "\"subsegments\":["
            + "{\"id\":\"b00000000000000" + suffix + "\",\"name\":\"api.internal\",\"namespace\":\"remote\",\"start_time\":1499473400.1,\"end_time\":1499473400.3,"
            + "\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://api.internal/x\"},\"response\":{\"status\":" + apiStatus + "}}},"
            + "{\"id\":\"c00000000000000" + suffix + "\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"start_time\":1499473400.3,\"end_time\":1499473400.4,"
            + "\"aws\":{\"operation\":\"GetItem\",\"table_name\":\"orders\"},\"http\":{\"response\":{\"status\":200}}}"
            + "]}";
        var api = "{\"trace_id\":\"" + traceId + "\",\"id\":\"d00000000000000" + suffix + "\",\"parent_id\":\"b00000000000000" + suffix + "\",\"name\":\"api\","
            + "\"start_time\":1499473400.12,\"end_time\":1499473400.28," + (apiFault ? "\"fault\":true," : "")
            + "\"http\":{\"response\":{\"status\":" + apiStatus + "}}}";
        return [web, api];
    }

    private async Task SeedAsync()
    {
        var result = await _ingest.IngestAsync(Topology(Trace1, "1", 200, apiFault: false).Concat(Topology(Trace2, "2", 404, apiFault: true))
            .Select(Docs.Utf8).ToList()).AsTask().DefaultTimeout();
        Assert.Empty(result.Unprocessed);
    }

    [Fact]
    public async Task The_graph_has_a_client_the_services_and_an_inferred_table_with_caller_side_edges()
    {
        await SeedAsync();
        var graph = await _graphs.GetServiceGraphAsync(new GetServiceGraphRequest { StartTime = 1499473000, EndTime = 1499474000 }).AsTask().DefaultTimeout();

        var byKey = graph.Services.ToDictionary(s => (s.Name, s.Type));
        Assert.Equal(4, graph.Services.Count);
        var client = byKey[("web", "client")];
        var web = byKey[("web", "AWS::EC2::Instance")];
        var api = byKey[("api", null)];
        var table = graph.Services.Single(s => s.Type == "AWS::DynamoDB::Table");

        Assert.Null(client.SummaryStatistics);
        Assert.Equal("unknown", client.State);
        var clientEdge = Assert.Single(client.Edges);
        Assert.Equal(web.ReferenceId, clientEdge.ReferenceId);
        Assert.Equal(2, clientEdge.SummaryStatistics!.TotalCount);
        Assert.Equal(1, clientEdge.SummaryStatistics.ErrorStatistics.OtherCount);

        Assert.True(web.Root);
        Assert.Equal("active", web.State);
        Assert.Equal(1, web.SummaryStatistics!.OkCount);
        Assert.Equal(1, web.SummaryStatistics.ErrorStatistics.TotalCount);
        Assert.Equal(1.0, web.SummaryStatistics.TotalResponseTime, 6);
        Assert.Equal([new HistogramEntry { Value = 0.5, Count = 2 }], web.ResponseTimeHistogram);

        var toApi = web.Edges.Single(e => e.ReferenceId == api.ReferenceId);
        Assert.Equal(1, toApi.SummaryStatistics!.FaultStatistics.TotalCount);
        Assert.Equal(1, toApi.SummaryStatistics.OkCount);
        Assert.Equal(0.4, toApi.SummaryStatistics.TotalResponseTime, 6);   // the caller's view: 2 × 0.2 s
        Assert.Equal("api.internal", Assert.Single(toApi.Aliases).Name);
        Assert.Equal(0.32, api.SummaryStatistics!.TotalResponseTime, 6);    // the service's own view: 2 × 0.16 s
        Assert.Null(api.Root);

        var toTable = web.Edges.Single(e => e.ReferenceId == table.ReferenceId);
        Assert.Equal(2, toTable.SummaryStatistics!.OkCount);
        Assert.Equal("unknown", table.State);
        Assert.Equal(2, table.SummaryStatistics!.TotalCount);
        Assert.Empty(api.Edges);
        Assert.Empty(table.Edges);
    }

    [Fact]
    public async Task Entities_outside_the_window_are_not_counted()
    {
        await SeedAsync();
        var graph = await _graphs.GetServiceGraphAsync(new GetServiceGraphRequest { StartTime = 1499474000, EndTime = 1499475000 }).AsTask().DefaultTimeout();
        Assert.Empty(graph.Services);
    }

    [Fact]
    public async Task Trace_graph_is_limited_to_the_given_traces()
    {
        await SeedAsync();
        var graph = await _graphs.GetTraceGraphAsync(new GetTraceGraphRequest { TraceIds = [Trace1] }).AsTask().DefaultTimeout();
        var web = graph.Services.Single(s => s.Type == "AWS::EC2::Instance");
        Assert.Equal(1, web.SummaryStatistics!.TotalCount);
        Assert.Equal(1, web.SummaryStatistics.OkCount);
    }

    [Fact]
    public async Task Time_series_buckets_service_statistics_by_period()
    {
        await SeedAsync();
        var result = await _graphs.GetTimeSeriesServiceStatisticsAsync(new GetTimeSeriesServiceStatisticsRequest
        {
            StartTime = 1499473380,
            EndTime = 1499473500,
            Period = 60,
            EntitySelectorExpression = "service(id(name: \"api\"))",
        }).AsTask().DefaultTimeout();
        var bucket = Assert.Single(result.TimeSeriesServiceStatistics);
        Assert.Equal(1499473380, bucket.Timestamp);
        Assert.Equal(2, bucket.ServiceSummaryStatistics!.TotalCount);
        Assert.Equal(1, bucket.ServiceSummaryStatistics.FaultStatistics.TotalCount);

        var edges = await _graphs.GetTimeSeriesServiceStatisticsAsync(new GetTimeSeriesServiceStatisticsRequest
        {
            StartTime = 1499473380,
            EndTime = 1499473500,
            EntitySelectorExpression = "edge(\"web\", \"api\")",
        }).AsTask().DefaultTimeout();
        Assert.Equal(2, Assert.Single(edges.TimeSeriesServiceStatistics).EdgeSummaryStatistics!.TotalCount);
    }

    [Fact]
    public async Task Time_series_periods_sit_on_multiples_of_the_period_whatever_the_start_time()
    {
        await SeedAsync();

        // StartTime …340.4 is not on a minute: the periods are still …320, …380, …440 (the api segments end at …400.28).
        var result = await _graphs.GetTimeSeriesServiceStatisticsAsync(new GetTimeSeriesServiceStatisticsRequest
        {
            StartTime = 1499473340.4,
            EndTime = 1499473460.4,
            Period = 60,
            EntitySelectorExpression = "service(\"api\")",
        }).AsTask().DefaultTimeout();

        var bucket = Assert.Single(result.TimeSeriesServiceStatistics);
        Assert.Equal(1499473380, bucket.Timestamp);
        Assert.Equal(2, bucket.ServiceSummaryStatistics!.TotalCount);
    }

    [Theory]
    [InlineData(10.0, 5.0)]
    [InlineData(null, 5.0)]
    public async Task Bad_windows_are_invalid_requests(double? start, double end)
    {
        await Assert.ThrowsAsync<XRayRequestException>(() =>
            _graphs.GetServiceGraphAsync(new GetServiceGraphRequest { StartTime = start, EndTime = end }).AsTask());
    }

    [Fact]
    public void Histogram_buckets_keep_milliseconds_below_a_second_and_two_digits_above()
    {
        Assert.Equal(0.157, GraphStatistics.Bucket(0.15712));
        Assert.Equal(1.5, GraphStatistics.Bucket(1.4987), 9);
        Assert.Equal(120, GraphStatistics.Bucket(123.4), 9);
    }
}
