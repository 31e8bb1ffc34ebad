using System.Text.Json;

namespace Fluoro.EndToEnd.Tests;

/// <summary>The real AWS CLI v2 against an in-process Fluoro.</summary>
public sealed class AwsCliXRayTests : IAsyncLifetime
{
    private FluoroTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FluoroTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PutTraceSegments_ThenBatchGetTraces_AndGetTraceSummaries()
    {
        Peers.RequireAwsCli();
        var traceId = TraceIds.NewTraceId();
        var root = TraceIds.NewSegmentId();
        var doc = $$"""{"name":"cli-svc","id":"{{root}}","trace_id":"{{traceId}}","start_time":{{TraceIds.Now(-1)}},"end_time":{{TraceIds.Now()}},"annotations":{"customer":"acme"} }""";

        var put = await AwsAsync("xray", "put-trace-segments", "--trace-segment-documents", doc);
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Empty(JsonDocument.Parse(put.StandardOutput).RootElement.GetProperty("UnprocessedTraceSegments").EnumerateArray());

        var get = await AwsAsync("xray", "batch-get-traces", "--trace-ids", traceId);
        Assert.True(get.ExitCode == 0, get.ToString());
        var trace = Assert.Single(JsonDocument.Parse(get.StandardOutput).RootElement.GetProperty("Traces").EnumerateArray());
        Assert.Equal(traceId, trace.GetProperty("Id").GetString());
        var segment = Assert.Single(trace.GetProperty("Segments").EnumerateArray());
        Assert.Equal(root, segment.GetProperty("Id").GetString());
        Assert.Equal("cli-svc", JsonDocument.Parse(segment.GetProperty("Document").GetString()!).RootElement.GetProperty("name").GetString());

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var summaries = await AwsAsync("xray", "get-trace-summaries", "--start-time", (now - 300).ToString(), "--end-time", (now + 60).ToString());
        Assert.True(summaries.ExitCode == 0, summaries.ToString());
        var ids = JsonDocument.Parse(summaries.StandardOutput).RootElement.GetProperty("TraceSummaries").EnumerateArray()
            .Select(s => s.GetProperty("Id").GetString());
        Assert.Contains(traceId, ids);
    }

    [Fact]
    public async Task PutTraceSegments_BadDocument_IsReportedUnprocessed_WhileTheGoodOneIsStored()
    {
        Peers.RequireAwsCli();
        var traceId = TraceIds.NewTraceId();
        var good = $$"""{"name":"ok","id":"{{TraceIds.NewSegmentId()}}","trace_id":"{{traceId}}","start_time":{{TraceIds.Now(-1)}},"end_time":{{TraceIds.Now()}}}""";
        var bad = $$"""{"name":"no-end","id":"{{TraceIds.NewSegmentId()}}","trace_id":"{{traceId}}","start_time":{{TraceIds.Now()}}}""";

        var put = await AwsAsync("xray", "put-trace-segments", "--trace-segment-documents", good, bad);

        Assert.True(put.ExitCode == 0, put.ToString());
        var entry = Assert.Single(JsonDocument.Parse(put.StandardOutput).RootElement.GetProperty("UnprocessedTraceSegments").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("ErrorCode").GetString()));
        var get = await AwsAsync("xray", "batch-get-traces", "--trace-ids", traceId);
        Assert.Single(JsonDocument.Parse(get.StandardOutput).RootElement.GetProperty("Traces")[0].GetProperty("Segments").EnumerateArray());
    }

    [Fact]
    public async Task InvalidRequest_SurfacesAsTheModeledError()
    {
        Peers.RequireAwsCli();

        var result = await AwsAsync("xray", "get-trace-summaries", "--start-time", "1767229200", "--end-time", "1767225600");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidRequestException", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSamplingRules_ReturnsTheDefaultRule()
    {
        Peers.RequireAwsCli();

        var result = await AwsAsync("xray", "get-sampling-rules");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rule = JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("SamplingRuleRecords")[0].GetProperty("SamplingRule");
        Assert.Equal("Default", rule.GetProperty("RuleName").GetString());
    }

    private Task<ProcessResult> AwsAsync(params string[] args) =>
        ProcessRunner.RunAsync(Peers.AwsCli, [.. args, "--endpoint-url", _server.Endpoint, "--region", "us-east-1", "--output", "json"], _server.ClientEnvironment());
}
