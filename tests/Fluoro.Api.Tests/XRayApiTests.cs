using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fluoro.Testing;
using Fluoro.XRay;

namespace Fluoro.Api.Tests;

public sealed class XRayApiTests : IAsyncLifetime
{
    private readonly FakeIngest _ingest = new();
    private readonly FakeQueries _queries = new();
    private ApiHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ApiHost.StartAsync(_ingest, _queries).DefaultTimeout();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PutTraceSegments_PartialSuccess_ReportsOnlyTheBadDocument()
    {
        var good = """{"trace_id":"1-581cf771-a006649127e371903a2de979","id":"70de5b6f19ff9a0a","name":"svc-a","start_time":1.478293361271E9,"end_time":1.478293361449E9}""";
        var bad = """{"id":"53995c3f42cd8ad8","name":"no-trace"}""";
        var body = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["TraceSegmentDocuments"] = [good, bad] });

        var (status, json, response) = await PostAsync("/TraceSegments", body);

        Assert.Equal(HttpStatusCode.OK, status);
        var entry = Assert.Single(json.GetProperty("UnprocessedTraceSegments").EnumerateArray());
        Assert.Equal("53995c3f42cd8ad8", entry.GetProperty("Id").GetString());
        Assert.Equal("MissingTraceId", entry.GetProperty("ErrorCode").GetString());
        Assert.Equal([good, bad], _ingest.Received);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PutTraceSegments_AllGood_ReturnsAnEmptyUnprocessedList()
    {
        var body = """{"TraceSegmentDocuments":["{\"trace_id\":\"1-581cf771-a006649127e371903a2de979\",\"name\":\"caf\u00e9 \\\"q\\\"\"}"]}""";

        var (status, json, _) = await PostAsync("/TraceSegments", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(json.GetProperty("UnprocessedTraceSegments").EnumerateArray());

        // The string's JSON escapes are undone before the document reaches ingest.
        Assert.Equal("{\"trace_id\":\"1-581cf771-a006649127e371903a2de979\",\"name\":\"café \\\"q\\\"\"}", Assert.Single(_ingest.Received));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"TraceSegmentDocuments\":null}")]
    [InlineData("{\"TraceSegmentDocuments\":\"not a list\"}")]
    [InlineData("{\"TraceSegmentDocuments\":[1,2]}")]
    [InlineData("{\"TraceSegmentDocuments\":[")]
    [InlineData("[]")]
    [InlineData("garbage")]
    public async Task PutTraceSegments_MalformedRequest_Is400InvalidRequest(string body)
    {
        var (status, json, response) = await PostAsync("/TraceSegments", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertAwsError(response, json, "InvalidRequestException");
    }

    [Fact]
    public async Task PutTraceSegments_TooLargeBody_Is413()
    {
        var body = "{\"TraceSegmentDocuments\":[\"" + new string('x', 9 * 1024 * 1024) + "\"]}";

        var (status, json, response) = await PostAsync("/TraceSegments", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        AssertAwsError(response, json, "RequestEntityTooLargeException");
    }

    [Fact]
    public async Task BatchGetTraces_ReturnsTracesAndUnprocessedIds()
    {
        var (status, json, _) = await PostAsync("/Traces", """{"TraceIds":["1-581cf771-a006649127e371903a2de979","nope"],"NextToken":null}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var trace = Assert.Single(json.GetProperty("Traces").EnumerateArray());
        Assert.Equal("1-581cf771-a006649127e371903a2de979", trace.GetProperty("Id").GetString());
        Assert.Equal("53995c3f42cd8ad8", trace.GetProperty("Segments")[0].GetProperty("Id").GetString());
        Assert.Equal(["nope"], json.GetProperty("UnprocessedTraceIds").EnumerateArray().Select(e => e.GetString()));
        Assert.False(json.TryGetProperty("NextToken", out _), "nulls are omitted");
    }

    [Theory]
    [InlineData("""{"StartTime": 1767225600, "EndTime": 1767229200}""")]
    [InlineData("""{"StartTime": 1767225600.0, "EndTime": 1.7672292E9, "FilterExpression": null, "Sampling": null}""")]
    public async Task GetTraceSummaries_AcceptsIntegerAndFloatTimestamps(string body)
    {
        var (status, json, _) = await PostAsync("/TraceSummaries", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1767225600, _queries.LastSummariesRequest!.StartTime);
        Assert.Equal(1767229200, _queries.LastSummariesRequest.EndTime);
        Assert.Equal(0, json.GetProperty("TracesProcessedCount").GetInt32());
    }

    [Fact]
    public async Task DomainValidationError_IsMappedToItsAwsCode()
    {
        _queries.Throw = new XRayRequestException("StartTime must be before EndTime");

        var (status, json, response) = await PostAsync("/TraceSummaries", """{"StartTime":2,"EndTime":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertAwsError(response, json, "InvalidRequestException");
        Assert.Equal("StartTime must be before EndTime", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnexpectedFault_Is500InternalFailure_WithoutInternals()
    {
        _queries.Throw = new InvalidOperationException("secret stack detail");

        var (status, json, response) = await PostAsync("/Traces", """{"TraceIds":["1-581cf771-a006649127e371903a2de979"]}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        AssertAwsError(response, json, "InternalFailure");
        Assert.DoesNotContain("secret", json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", json.GetRawText(), StringComparison.Ordinal);

        // The server keeps serving.
        _queries.Throw = null;
        var (after, _, _) = await PostAsync("/Traces", """{"TraceIds":["1-581cf771-a006649127e371903a2de979"]}""");
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task UnknownPath_Is404UnknownOperation()
    {
        var (status, json, response) = await PostAsync("/NoSuchOperation", "{}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertAwsError(response, json, "UnknownOperationException");
    }

    [Fact]
    public async Task WrongMethod_IsAnAwsShaped404()
    {
        using var response = await _host.Client.GetAsync(new Uri("/Traces", UriKind.Relative)).DefaultTimeout();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertAwsError(response, json, "UnknownOperationException");
    }

    [Fact]
    public async Task ModeledButUnimplementedOperation_IsAClearInvalidRequest()
    {
        // Every modeled operation is implemented today; the fallback stays for operations AWS adds later.
        var operation = new Fluoro.Api.Operations.UnsupportedOperation("FutureOperation", "/FutureOperation");

        var error = await Assert.ThrowsAsync<XRayRequestException>(() => operation.ExecuteAsync("{}"u8.ToArray(), null!, default).AsTask());

        Assert.Equal("InvalidRequestException", error.ErrorCode);
        Assert.Contains("FutureOperation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SamplingRules_AreServedOnTheApiToo()
    {
        var (status, json, _) = await PostAsync("/GetSamplingRules", "");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Default", json.GetProperty("SamplingRuleRecords")[0].GetProperty("SamplingRule").GetProperty("RuleName").GetString());
    }

    [Fact]
    public async Task EveryResponse_CarriesADistinctRequestId()
    {
        var (_, _, first) = await PostAsync("/Traces", """{"TraceIds":[]}""");
        var (_, _, second) = await PostAsync("/Nope", "{}");

        var a = first.Headers.GetValues("x-amzn-RequestId").Single();
        var b = second.Headers.GetValues("x-amzn-RequestId").Single();
        Assert.True(Guid.TryParse(a, out _));
        Assert.NotEqual(a, b);
    }

    private static void AssertAwsError(HttpResponseMessage response, JsonElement json, string code)
    {
        Assert.Equal(code, response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(code, json.GetProperty("__type").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("message").GetString()));
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
    }

    private async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> PostAsync(string path, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await _host.Client.PostAsync(new Uri(path, UriKind.Relative), content).DefaultTimeout();
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement, response);
    }
}
