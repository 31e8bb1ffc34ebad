using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

public sealed class GetTraceSummariesTests
{
    private const string TraceA = "1-65000000-ab52431b496add878434aa25";
    private const double T0 = 0x65000000;   // the epoch encoded in TraceA

    private readonly InMemoryTraceStore _store = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds((long)T0 + 5));
    private readonly SegmentIngestService _ingest;
    private readonly TraceQueryService _queries;

    public GetTraceSummariesTests()
    {
        _ingest = new SegmentIngestService(_store, new IngestCounters(), _clock);
        _queries = new TraceQueryService(_store);
    }

    private async Task Ingest(params string[] documents)
    {
        var result = await _ingest.IngestAsync(documents.Select(Docs.Utf8).ToList()).AsTask().DefaultTimeout();
        Assert.Empty(result.Unprocessed);
    }

    private Task<GetTraceSummariesResult> Summaries(double start, double end, string? rangeType = null, string? token = null)
        => _queries.GetTraceSummariesAsync(new GetTraceSummariesRequest { StartTime = start, EndTime = end, TimeRangeType = rangeType, NextToken = token }).AsTask().DefaultTimeout();

    private async Task IngestMultiServiceTrace()
    {
        await Ingest(
            Docs.Segment(TraceA, "6226467e3f845502", "frontend", T0 + 1, T0 + 4,
                ",\"origin\":\"AWS::EC2::Instance\",\"user\":\"alice\",\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"http://front/api\",\"user_agent\":\"curl\",\"client_ip\":\"10.0.0.1\"},\"response\":{\"status\":502}},\"fault\":true,"
                + "\"aws\":{\"account_id\":\"123456789012\",\"ec2\":{\"instance_id\":\"i-1\",\"availability_zone\":\"us-east-1a\"}},\"annotations\":{\"customer\":\"acme\",\"tier\":1},"
                + "\"subsegments\":[{\"id\":\"4cd3f10b76c624b4\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"start_time\":" + Docs.Num(T0 + 1.5) + ",\"end_time\":" + Docs.Num(T0 + 1.7) + ",\"aws\":{\"table_name\":\"orders\"}},"
                + "{\"id\":\"5cd3f10b76c624b4\",\"name\":\"backend\",\"namespace\":\"remote\",\"start_time\":" + Docs.Num(T0 + 2) + ",\"end_time\":" + Docs.Num(T0 + 3.9) + "}]"),
            Docs.Segment(TraceA, "7226467e3f845502", "backend", T0 + 2.1, T0 + 3.8,
                ",\"parent_id\":\"5cd3f10b76c624b4\",\"origin\":\"AWS::Lambda::Function\",\"resource_arn\":\"arn:aws:lambda:us-east-1:123456789012:function:backend\",\"throttle\":true,\"error\":true,\"annotations\":{\"customer\":\"acme\"}"),
            Docs.Subsegment(TraceA, "8226467e3f845502", "7226467e3f845502", "async-tail", T0 + 3, T0 + 6, ",\"annotations\":{\"customer\":\"globex\"}"),
            Docs.Subsegment(TraceA, "9226467e3f845502", "7226467e3f845502", "pending", T0 + 3.5, null));
    }

    [Fact]
    public async Task Summary_of_a_multi_service_trace()
    {
        await IngestMultiServiceTrace();
        var result = await Summaries(T0 - 60, T0 + 60);
        var summary = Assert.Single(result.TraceSummaries);

        Assert.Equal(TraceA, summary.Id);
        Assert.Equal(T0 + 1, summary.StartTime);
        Assert.Equal(5, summary.Duration!.Value, 6);          // async tail ends after the response
        Assert.Equal(3, summary.ResponseTime!.Value, 6);      // root segment only
        Assert.True(summary.HasFault);
        Assert.False(summary.HasError);                       // the backend's error is not the root's
        Assert.True(summary.HasThrottle);                     // any segment
        Assert.True(summary.IsPartial);
        Assert.Equal(new TraceHttp { HttpURL = "http://front/api", HttpStatus = 502, HttpMethod = "POST", UserAgent = "curl", ClientIp = "10.0.0.1" }, summary.Http);

        var frontend = new ServiceId { Name = "frontend", Names = ["frontend"], Type = "AWS::EC2::Instance", AccountId = "123456789012" };
        Assert.Equal(frontend.Name, summary.EntryPoint!.Name);
        Assert.Equal(frontend.Type, summary.EntryPoint.Type);
        Assert.Equal(
            [("frontend", "AWS::EC2::Instance"), ("orders", "AWS::DynamoDB::Table"), ("backend", "AWS::Lambda::Function")],
            summary.ServiceIds.Select(s => (s.Name!, s.Type!)).OrderBy(s => s.Item1 == "frontend" ? 0 : s.Item1 == "orders" ? 1 : 2));
        Assert.DoesNotContain(summary.ServiceIds, s => s.Name == "backend" && s.Type == "remote");   // the real segment replaced the inferred node

        var customer = summary.Annotations["customer"];
        Assert.Equal(2, customer.Count);
        var acme = customer.Single(v => v.AnnotationValue.StringValue == "acme");
        Assert.Equal(["backend", "frontend"], acme.ServiceIds.Select(s => s.Name).Order());
        var globex = customer.Single(v => v.AnnotationValue.StringValue == "globex");
        Assert.Equal(["backend"], globex.ServiceIds.Select(s => s.Name));   // standalone subsegment attributed to its segment's service
        Assert.Equal(1, summary.Annotations["tier"].Single().AnnotationValue.NumberValue);

        Assert.Equal("alice", summary.Users.Single().UserName);
        Assert.Equal(["frontend"], summary.Users.Single().ServiceIds.Select(s => s.Name));
        Assert.Equal(["arn:aws:lambda:us-east-1:123456789012:function:backend"], summary.ResourceARNs.Select(a => a.ARN));
        Assert.Equal(["i-1"], summary.InstanceIds.Select(i => i.Id));
        Assert.Equal(["us-east-1a"], summary.AvailabilityZones.Select(z => z.Name));
        Assert.Equal(4, summary.Revision);

        var fault = Assert.Single(summary.FaultRootCauses);
        Assert.True(fault.ClientImpacting);
        Assert.Equal(["frontend"], fault.Services.Select(s => s.Name));
        Assert.Equal(["frontend"], fault.Services[0].EntityPath.Select(e => e.Name));

        var error = Assert.Single(summary.ErrorRootCauses);
        Assert.False(error.ClientImpacting);   // the root segment did not error
        Assert.Equal(["frontend", "backend"], error.Services.Select(s => s.Name));
        Assert.Equal(["frontend", "backend"], error.Services[0].EntityPath.Select(e => e.Name));
        Assert.True(error.Services[0].EntityPath[1].Remote);
        Assert.Equal(["backend"], error.Services[1].EntityPath.Select(e => e.Name));

        var slow = Assert.Single(summary.ResponseTimeRootCauses);
        Assert.Equal(["frontend", "backend"], slow.Services.Select(s => s.Name));
        Assert.Equal(1.0, slow.Services[0].EntityPath[0].Coverage);
        Assert.Equal(1.9 / 3, slow.Services[0].EntityPath[1].Coverage!.Value, 5);
        Assert.Equal(["backend", "async-tail"], slow.Services[1].EntityPath.Select(e => e.Name));
        Assert.Null(summary.MatchedEventTime);
        Assert.Equal(1, result.TracesProcessedCount);
        Assert.Null(result.NextToken);
    }

    [Fact]
    public async Task Lambda_function_error_is_a_fault_root_cause_below_the_AWS_Lambda_segment()
    {
        // What Lambda records for a handler that throws: the AWS::Lambda segment stays 200 and names the function
        // segment as its direct child (no subsegment in between); the function segment carries fault and cause.
        await Ingest(
            Docs.Segment(TraceA, "0179179d3c89ad52", "orders", T0 + 1, T0 + 2,
                ",\"origin\":\"AWS::Lambda\",\"http\":{\"response\":{\"status\":200}}"),
            Docs.Segment(TraceA, "6184d868fe0020b0", "orders", T0 + 1.01, T0 + 1.99,
                ",\"parent_id\":\"0179179d3c89ad52\",\"origin\":\"AWS::Lambda::Function\",\"fault\":true,"
                + "\"cause\":{\"working_directory\":\"/var/task\",\"exceptions\":[{\"id\":\"23c948f237f37ede\",\"type\":\"TypeError\",\"message\":\"boom\"}],\"paths\":[]},"
                + "\"subsegments\":[{\"id\":\"9a19b687ca74c69c\",\"name\":\"Invocation\",\"start_time\":" + Docs.Num(T0 + 1.02) + ",\"end_time\":" + Docs.Num(T0 + 1.9) + ",\"fault\":true}]"));
        var summary = Assert.Single((await Summaries(T0 - 60, T0 + 60)).TraceSummaries);

        Assert.False(summary.HasFault);   // the Invoke call itself succeeded
        var fault = Assert.Single(summary.FaultRootCauses);
        Assert.False(fault.ClientImpacting);
        Assert.Equal([("orders", "AWS::Lambda"), ("orders", "AWS::Lambda::Function")], fault.Services.Select(s => (s.Name!, s.Type!)));
        Assert.Equal(["orders", "Invocation"], fault.Services[1].EntityPath.Select(e => e.Name));
        Assert.Equal([("TypeError", "boom")], fault.Services[1].EntityPath[^1].Exceptions!.Select(e => (e.Name!, e.Message!)));

        var slow = Assert.Single(summary.ResponseTimeRootCauses);
        Assert.Equal(["AWS::Lambda", "AWS::Lambda::Function"], slow.Services.Select(s => s.Type));
        Assert.Equal(["orders", "Invocation"], slow.Services[1].EntityPath.Select(e => e.Name));

        var filtered = await new TraceQueryService(_store, new FilterExpressionCompiler()).GetTraceSummariesAsync(new GetTraceSummariesRequest
        {
            StartTime = T0 - 60, EndTime = T0 + 60, FilterExpression = "rootcause.fault.service { type = \"AWS::Lambda::Function\" }",
        }).AsTask().DefaultTimeout();
        Assert.Equal([TraceA], filtered.TraceSummaries.Select(t => t.Id));
    }

    [Fact]
    public async Task Fault_in_an_uninstrumented_call_ends_in_the_inferred_service()
    {
        await Ingest(Docs.Segment(TraceA, "6226467e3f845502", "svc", T0 + 1, T0 + 2,
            ",\"fault\":true,\"subsegments\":[{\"id\":\"146a1ee458beef5d\",\"name\":\"## save\",\"start_time\":" + Docs.Num(T0 + 1.1) + ",\"end_time\":" + Docs.Num(T0 + 1.9)
            + ",\"fault\":true,\"cause\":\"a1b2c3d4e5f60718\",\"subsegments\":[{\"id\":\"0f910026178b71eb\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"start_time\":" + Docs.Num(T0 + 1.2) + ",\"end_time\":" + Docs.Num(T0 + 1.8)
            + ",\"fault\":true,\"aws\":{\"table_name\":\"orders\"},\"cause\":{\"exceptions\":[{\"id\":\"a1b2c3d4e5f60718\",\"type\":\"InternalServerError\",\"message\":\"boom\",\"remote\":true}]}}]}]"));
        var summary = Assert.Single((await Summaries(T0 - 60, T0 + 60)).TraceSummaries);

        var fault = Assert.Single(summary.FaultRootCauses);
        Assert.True(fault.ClientImpacting);
        Assert.Equal([("svc", false), ("orders", true)], fault.Services.Select(s => (s.Name!, s.Inferred ?? false)));
        Assert.Equal("AWS::DynamoDB::Table", fault.Services[1].Type);
        var path = fault.Services[0].EntityPath;
        Assert.Equal(["svc", "## save", "DynamoDB"], path.Select(e => e.Name));
        Assert.True(path[2].Remote);
        Assert.Equal([("InternalServerError", "boom")], path[2].Exceptions!.Select(e => (e.Name!, e.Message!)));
        Assert.Empty(summary.ErrorRootCauses);

        var slow = Assert.Single(summary.ResponseTimeRootCauses);
        Assert.Equal(["svc", "orders"], slow.Services.Select(s => s.Name));
        Assert.Equal(["svc", "## save", "DynamoDB"], slow.Services[0].EntityPath.Select(e => e.Name));
        Assert.Equal(0.6, slow.Services[1].EntityPath.Single().Coverage!.Value, 5);
    }

    [Fact]
    public async Task Window_is_half_open_and_time_range_types_select_different_times()
    {
        await Ingest(Docs.Segment(TraceA, "6226467e3f845502", "svc", T0 + 100, T0 + 200));

        Assert.Single((await Summaries(T0, T0 + 1)).TraceSummaries);
        Assert.Empty((await Summaries(T0 - 1, T0)).TraceSummaries);       // end is exclusive
        Assert.Single((await Summaries(T0, T0 + 1, "TraceId")).TraceSummaries);

        Assert.Empty((await Summaries(T0, T0 + 1, "Service")).TraceSummaries);
        Assert.Single((await Summaries(T0 + 200, T0 + 201, "Service")).TraceSummaries);

        var byEvent = await Summaries(T0 + 5, T0 + 6, "Event");          // received at T0 + 5
        Assert.Equal(T0 + 5, Assert.Single(byEvent.TraceSummaries).MatchedEventTime);
        Assert.Empty((await Summaries(T0 + 6, T0 + 7, "Event")).TraceSummaries);
    }

    [Fact]
    public async Task Pages_are_newest_first_and_cover_every_trace_once()
    {
        var documents = Enumerable.Range(0, 230)
            .Select(i => Docs.Segment($"1-{(int)T0 + i:x8}-ab52431b496add878434aa25", "6226467e3f845502", "svc", T0 + i, T0 + i + 1))
            .ToArray();
        await Ingest(documents);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Summaries(T0, T0 + 1000, token: token);
            seen.AddRange(page.TraceSummaries.Select(s => s.Id));
            Assert.True(page.TraceSummaries.Count <= TraceQueryLimits.SummariesPageSize);
            token = page.NextToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(230, seen.Distinct().Count());
        Assert.Equal(seen.OrderByDescending(id => id, StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task A_token_from_another_window_or_garbage_is_refused()
    {
        await Ingest(Enumerable.Range(0, 120).Select(i => Docs.Segment($"1-{(int)T0 + i:x8}-ab52431b496add878434aa25", "6226467e3f845502", "svc", T0 + i, T0 + i + 1)).ToArray());
        var first = await Summaries(T0, T0 + 1000);
        Assert.NotNull(first.NextToken);
        await Assert.ThrowsAsync<XRayRequestException>(() => Summaries(T0, T0 + 999, token: first.NextToken));
        await Assert.ThrowsAsync<XRayRequestException>(() => Summaries(T0, T0 + 1000, token: "!!!not-a-token"));
        Assert.Equal(20, (await Summaries(T0, T0 + 1000, token: first.NextToken)).TraceSummaries.Count);
    }

    [Theory]
    [InlineData(null, 10.0, null)]
    [InlineData(10.0, null, null)]
    [InlineData(10.0, 10.0, null)]
    [InlineData(11.0, 10.0, null)]
    [InlineData(1.0, 10.0, "Sometimes")]
    public async Task Bad_requests_are_invalid_request_exceptions(double? start, double? end, string? rangeType)
    {
        var error = await Assert.ThrowsAsync<XRayRequestException>(() =>
            _queries.GetTraceSummariesAsync(new GetTraceSummariesRequest { StartTime = start, EndTime = end, TimeRangeType = rangeType }).AsTask());
        Assert.Equal("InvalidRequestException", error.ErrorCode);
    }

    [Fact]
    public async Task Fixed_rate_sampling_of_zero_returns_nothing_and_of_one_returns_everything()
    {
        await IngestMultiServiceTrace();
        var none = await _queries.GetTraceSummariesAsync(new GetTraceSummariesRequest
        {
            StartTime = T0 - 60, EndTime = T0 + 60, Sampling = true, SamplingStrategy = new SamplingStrategy { Name = "FixedRate", Value = 0 },
        });
        Assert.Empty(none.TraceSummaries);
        var all = await _queries.GetTraceSummariesAsync(new GetTraceSummariesRequest
        {
            StartTime = T0 - 60, EndTime = T0 + 60, Sampling = true, SamplingStrategy = new SamplingStrategy { Name = "FixedRate", Value = 1 },
        });
        Assert.Single(all.TraceSummaries);
    }
}
