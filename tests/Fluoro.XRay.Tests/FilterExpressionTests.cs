using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

public sealed class FilterExpressionTests
{
    private const string TraceA = "1-65000000-ab52431b496add878434aa25";
    private const string TraceB = "1-65000001-bb52431b496add878434aa25";
    private const double T0 = 0x65000000;

    private readonly InMemoryTraceStore _store = new();
    private readonly SegmentIngestService _ingest;
    private readonly TraceQueryService _queries;

    public FilterExpressionTests()
    {
        _ingest = new SegmentIngestService(_store, new IngestCounters(), new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds((long)T0 + 5)));
        _queries = new TraceQueryService(_store, new FilterExpressionCompiler());
    }

    private async Task IngestTraces()
    {
        var result = await _ingest.IngestAsync(new[]
        {
            Docs.Segment(TraceA, "6226467e3f845502", "frontend", T0 + 1, T0 + 4,
                ",\"origin\":\"AWS::EC2::Instance\",\"user\":\"alice\",\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"http://front/api\"},\"response\":{\"status\":502}},\"fault\":true,"
                + "\"annotations\":{\"customer\":\"acme\"},"
                + "\"subsegments\":[{\"id\":\"4cd3f10b76c624b4\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"start_time\":" + Docs.Num(T0 + 1.5) + ",\"end_time\":" + Docs.Num(T0 + 1.7) + ",\"aws\":{\"table_name\":\"orders\"}},"
                + "{\"id\":\"5cd3f10b76c624b4\",\"name\":\"backend\",\"namespace\":\"remote\",\"start_time\":" + Docs.Num(T0 + 2) + ",\"end_time\":" + Docs.Num(T0 + 3.9) + "}]"),
            Docs.Segment(TraceA, "7226467e3f845502", "backend", T0 + 2.1, T0 + 3.8,
                ",\"parent_id\":\"5cd3f10b76c624b4\",\"origin\":\"AWS::Lambda::Function\",\"error\":true,\"http\":{\"response\":{\"status\":404}},\"annotations\":{\"customer\":\"globex\",\"attempt\":3}"),
            Docs.Segment(TraceB, "8226467e3f845502", "frontend", T0 + 2, T0 + 2.5,
                ",\"origin\":\"AWS::EC2::Instance\",\"user\":\"bob\",\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://front/health\"},\"response\":{\"status\":200}}"),
        }.Select(Docs.Utf8).ToList()).AsTask().DefaultTimeout();
        Assert.Empty(result.Unprocessed);
    }

    [Theory]
    [InlineData("fault", TraceA)]
    [InlineData("ok", TraceB)]
    [InlineData("http.status = 502", TraceA)]
    [InlineData("http.url CONTAINS \"health\"", TraceB)]
    [InlineData("responsetime > 2", TraceA)]
    [InlineData("duration < 1", TraceB)]
    [InlineData("user = \"bob\"", TraceB)]
    [InlineData("annotation.customer = \"globex\"", TraceA)]
    [InlineData("annotation.attempt >= 3", TraceA)]
    [InlineData("service(\"backend\") { error }", TraceA)]
    [InlineData("service(id(name: \"orders\", type: \"AWS::DynamoDB::Table\"))", TraceA)]
    [InlineData("edge(\"frontend\", \"backend\")", TraceA)]
    [InlineData("!fault AND service(\"frontend\")", TraceB)]
    [InlineData("rootcause.error.service { name = \"backend\" }", TraceA)]
    [InlineData("rootcause.fault.service { name = \"frontend\" }", TraceA)]
    [InlineData("rootcause.responsetime.service { last and name = \"backend\" }", TraceA)]
    public async Task Filter_selects_the_matching_trace(string expression, string expected)
    {
        await IngestTraces();
        var result = await _queries.GetTraceSummariesAsync(new GetTraceSummariesRequest { StartTime = T0 - 10, EndTime = T0 + 10, FilterExpression = expression }).AsTask().DefaultTimeout();
        Assert.Equal([expected], result.TraceSummaries.Select(s => s.Id));

        // Candidates the store's pushed-down filter let through, all confirmed in memory: the match, perhaps the other.
        Assert.InRange(result.TracesProcessedCount, 1, 2);
    }

    [Fact]
    public async Task Empty_filter_matches_everything()
    {
        await IngestTraces();
        var result = await _queries.GetTraceSummariesAsync(new GetTraceSummariesRequest { StartTime = T0 - 10, EndTime = T0 + 10, FilterExpression = "  " }).AsTask().DefaultTimeout();
        Assert.Equal(2, result.TraceSummaries.Count);
    }

    [Theory]
    [InlineData("service(\"a\" {")]
    [InlineData("responsetime >")]
    [InlineData("nosuchkeyword = 1")]
    public async Task Malformed_filter_is_an_invalid_request(string expression)
    {
        var error = await Assert.ThrowsAsync<XRayRequestException>(() =>
            _queries.GetTraceSummariesAsync(new GetTraceSummariesRequest { StartTime = T0 - 10, EndTime = T0 + 10, FilterExpression = expression }).AsTask());
        Assert.Equal("InvalidRequestException", error.ErrorCode);
        Assert.Contains("position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_compiler_filters_are_refused()
    {
        var queries = new TraceQueryService(_store);
        await Assert.ThrowsAsync<XRayRequestException>(() =>
            queries.GetTraceSummariesAsync(new GetTraceSummariesRequest { StartTime = 1, EndTime = 2, FilterExpression = "fault" }).AsTask());
    }
}
