using System.Globalization;
using System.Text.Json;

namespace Fluoro.EndToEnd.Tests;

/// <summary>The X-Ray query and control-plane operations through the real AWS CLI v2, on a seeded topology.</summary>
public sealed class XRayControlPlaneCliTests : IAsyncLifetime
{
    private FluoroTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FluoroTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static string Num(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    // client → web (EC2) → api.internal (answered by "api", which faults) and → DynamoDB table "orders" (inferred).
    private async Task<string> SeedAsync()
    {
        var traceId = TraceIds.NewTraceId();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var web = TraceIds.NewSegmentId();
        var call = TraceIds.NewSegmentId();
        var ddb = TraceIds.NewSegmentId();
        var webDoc = $$$"""
            {"trace_id":"{{{traceId}}}","id":"{{{web}}}","name":"web","origin":"AWS::EC2::Instance","start_time":{{{Num(now - 2)}}},"end_time":{{{Num(now - 1)}}},
             "http":{"request":{"method":"GET","url":"http://web/orders"},"response":{"status":200}},"annotations":{"tenant":"acme"},
             "subsegments":[
               {"id":"{{{call}}}","name":"api.internal","namespace":"remote","start_time":{{{Num(now - 1.9)}}},"end_time":{{{Num(now - 1.5)}}},"http":{"response":{"status":500}},"fault":true},
               {"id":"{{{ddb}}}","name":"DynamoDB","namespace":"aws","start_time":{{{Num(now - 1.4)}}},"end_time":{{{Num(now - 1.2)}}},"aws":{"operation":"GetItem","table_name":"orders"}}]}
            """.ReplaceLineEndings("");
        var apiDoc = $$$"""{"trace_id":"{{{traceId}}}","id":"{{{TraceIds.NewSegmentId()}}}","parent_id":"{{{call}}}","name":"api","start_time":{{{Num(now - 1.85)}}},"end_time":{{{Num(now - 1.55)}}},"fault":true,"http":{"response":{"status":500} } }""";
        var put = await AwsAsync("xray", "put-trace-segments", "--trace-segment-documents", webDoc, apiDoc);
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Empty(Json(put).GetProperty("UnprocessedTraceSegments").EnumerateArray());
        return traceId;
    }

    [Fact]
    public async Task Service_graph_trace_graph_and_time_series_describe_the_seeded_topology()
    {
        Peers.RequireAwsCli();
        var traceId = await SeedAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var window = new[] { "--start-time", (now - 600).ToString(CultureInfo.InvariantCulture), "--end-time", (now + 60).ToString(CultureInfo.InvariantCulture) };

        var graph = Json(await AwsOkAsync(["xray", "get-service-graph", .. window]));
        var services = graph.GetProperty("Services").EnumerateArray().ToList();
        string Key(JsonElement s) => $"{s.GetProperty("Name").GetString()}|{(s.TryGetProperty("Type", out var t) ? t.GetString() : "")}";
        Assert.Equal(
            ["api|", "orders|AWS::DynamoDB::Table", "web|AWS::EC2::Instance", "web|client"],
            services.Select(Key).Order(StringComparer.Ordinal));
        var byRef = services.ToDictionary(s => s.GetProperty("ReferenceId").GetInt32(), Key);
        var webNode = services.Single(s => Key(s) == "web|AWS::EC2::Instance");
        Assert.Equal(["api|", "orders|AWS::DynamoDB::Table"],
            webNode.GetProperty("Edges").EnumerateArray().Select(e => byRef[e.GetProperty("ReferenceId").GetInt32()]).Order(StringComparer.Ordinal));
        var toApi = webNode.GetProperty("Edges").EnumerateArray().Single(e => byRef[e.GetProperty("ReferenceId").GetInt32()] == "api|");
        Assert.Equal(1, toApi.GetProperty("SummaryStatistics").GetProperty("FaultStatistics").GetProperty("TotalCount").GetInt32());

        var traceGraph = Json(await AwsOkAsync("xray", "get-trace-graph", "--trace-ids", traceId));
        Assert.Equal(4, traceGraph.GetProperty("Services").GetArrayLength());

        var series = Json(await AwsOkAsync(["xray", "get-time-series-service-statistics", .. window, "--period", "60",
            "--entity-selector-expression", "service(\"api\")"]));
        var total = series.GetProperty("TimeSeriesServiceStatistics").EnumerateArray()
            .Sum(p => p.GetProperty("ServiceSummaryStatistics").GetProperty("TotalCount").GetInt32());
        Assert.Equal(1, total);

        var filtered = Json(await AwsOkAsync(["xray", "get-trace-summaries", .. window, "--filter-expression", "service(\"api\") { fault } AND annotation.tenant = \"acme\""]));
        Assert.Equal([traceId], filtered.GetProperty("TraceSummaries").EnumerateArray().Select(s => s.GetProperty("Id").GetString()));
        var none = Json(await AwsOkAsync(["xray", "get-trace-summaries", .. window, "--filter-expression", "annotation.tenant = \"other\""]));
        Assert.Empty(none.GetProperty("TraceSummaries").EnumerateArray());

        var bad = await AwsAsync(["xray", "get-trace-summaries", .. window, "--filter-expression", "service(\"api\" AND"]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("InvalidRequestException", bad.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_are_managed_tagged_and_scope_the_service_graph()
    {
        Peers.RequireAwsCli();
        await SeedAsync();
        var created = Json(await AwsOkAsync("xray", "create-group", "--group-name", "faults", "--filter-expression", "service(\"api\") { fault }",
            "--tags", "Key=team,Value=payments"));
        var arn = created.GetProperty("Group").GetProperty("GroupARN").GetString()!;
        Assert.Equal("service(\"api\") { fault }", created.GetProperty("Group").GetProperty("FilterExpression").GetString());

        Assert.Equal("faults", Json(await AwsOkAsync("xray", "get-group", "--group-arn", arn)).GetProperty("Group").GetProperty("GroupName").GetString());
        Assert.Contains("faults", Json(await AwsOkAsync("xray", "get-groups")).GetProperty("Groups").EnumerateArray().Select(g => g.GetProperty("GroupName").GetString()));
        Assert.Equal("team", Json(await AwsOkAsync("xray", "list-tags-for-resource", "--resource-arn", arn)).GetProperty("Tags")[0].GetProperty("Key").GetString());
        await AwsOkAsync("xray", "tag-resource", "--resource-arn", arn, "--tags", "Key=env,Value=dev");
        await AwsOkAsync("xray", "untag-resource", "--resource-arn", arn, "--tag-keys", "team");
        Assert.Equal(["env"], Json(await AwsOkAsync("xray", "list-tags-for-resource", "--resource-arn", arn)).GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("Key").GetString()));

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var scoped = Json(await AwsOkAsync("xray", "get-service-graph", "--start-time", (now - 600).ToString(CultureInfo.InvariantCulture),
            "--end-time", (now + 60).ToString(CultureInfo.InvariantCulture), "--group-name", "faults"));
        Assert.Equal(4, scoped.GetProperty("Services").GetArrayLength());
        var empty = Json(await AwsOkAsync("xray", "create-group", "--group-name", "throttled", "--filter-expression", "throttle"));
        Assert.Equal("throttled", empty.GetProperty("Group").GetProperty("GroupName").GetString());
        var none = Json(await AwsOkAsync("xray", "get-service-graph", "--start-time", (now - 600).ToString(CultureInfo.InvariantCulture),
            "--end-time", (now + 60).ToString(CultureInfo.InvariantCulture), "--group-name", "throttled"));
        Assert.Empty(none.GetProperty("Services").EnumerateArray());

        var updated = Json(await AwsOkAsync("xray", "update-group", "--group-name", "faults", "--filter-expression", "error"));
        Assert.Equal("error", updated.GetProperty("Group").GetProperty("FilterExpression").GetString());
        var invalid = await AwsAsync("xray", "create-group", "--group-name", "broken", "--filter-expression", "responsetime >");
        Assert.Contains("InvalidRequestException", invalid.StandardError, StringComparison.Ordinal);
        await AwsOkAsync("xray", "delete-group", "--group-name", "faults");
        var missing = await AwsAsync("xray", "get-group", "--group-name", "faults");
        Assert.NotEqual(0, missing.ExitCode);
        var unknownTags = await AwsAsync("xray", "list-tags-for-resource", "--resource-arn", arn);
        Assert.Contains("ResourceNotFoundException", unknownTags.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sampling_rules_are_created_updated_tagged_listed_and_deleted()
    {
        Peers.RequireAwsCli();
        var rule = """{"RuleName":"checkout","ResourceARN":"*","Priority":100,"FixedRate":0.5,"ReservoirSize":2,"ServiceName":"checkout","ServiceType":"*","Host":"*","HTTPMethod":"*","URLPath":"*","Version":1}""";
        var created = Json(await AwsOkAsync("xray", "create-sampling-rule", "--sampling-rule", rule, "--tags", "Key=team,Value=shop"));
        var arn = created.GetProperty("SamplingRuleRecord").GetProperty("SamplingRule").GetProperty("RuleARN").GetString()!;

        var updated = Json(await AwsOkAsync("xray", "update-sampling-rule", "--sampling-rule-update", """{"RuleName":"checkout","FixedRate":0.25}"""));
        Assert.Equal(0.25, updated.GetProperty("SamplingRuleRecord").GetProperty("SamplingRule").GetProperty("FixedRate").GetDouble());
        var names = Json(await AwsOkAsync("xray", "get-sampling-rules")).GetProperty("SamplingRuleRecords").EnumerateArray()
            .Select(r => r.GetProperty("SamplingRule").GetProperty("RuleName").GetString()).ToList();
        Assert.Equal(["checkout", "Default"], names);
        Assert.Equal("team", Json(await AwsOkAsync("xray", "list-tags-for-resource", "--resource-arn", arn)).GetProperty("Tags")[0].GetProperty("Key").GetString());

        var deleteDefault = await AwsAsync("xray", "delete-sampling-rule", "--rule-name", "Default");
        Assert.Contains("InvalidRequestException", deleteDefault.StandardError, StringComparison.Ordinal);
        await AwsOkAsync("xray", "delete-sampling-rule", "--rule-arn", arn);
        Assert.Single(Json(await AwsOkAsync("xray", "get-sampling-rules")).GetProperty("SamplingRuleRecords").EnumerateArray());
    }

    [Fact]
    public async Task Encryption_config_telemetry_and_insights_answer()
    {
        Peers.RequireAwsCli();
        Assert.Equal("NONE", Json(await AwsOkAsync("xray", "get-encryption-config")).GetProperty("EncryptionConfig").GetProperty("Type").GetString());
        await AwsOkAsync("xray", "put-encryption-config", "--type", "KMS", "--key-id", "alias/fluoro");
        var config = Json(await AwsOkAsync("xray", "get-encryption-config")).GetProperty("EncryptionConfig");
        Assert.Equal("KMS", config.GetProperty("Type").GetString());
        Assert.Equal("alias/fluoro", config.GetProperty("KeyId").GetString());

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await AwsOkAsync("xray", "put-telemetry-records", "--telemetry-records",
            $"Timestamp={now},SegmentsReceivedCount=5,SegmentsSentCount=5,SegmentsSpilloverCount=0,SegmentsRejectedCount=0");
        var insights = Json(await AwsOkAsync("xray", "get-insight-summaries", "--start-time", (now - 600).ToString(CultureInfo.InvariantCulture),
            "--end-time", now.ToString(CultureInfo.InvariantCulture)));
        Assert.Empty(insights.GetProperty("InsightSummaries").EnumerateArray());
    }

    private static JsonElement Json(ProcessResult result) => JsonDocument.Parse(result.StandardOutput).RootElement.Clone();

    private async Task<ProcessResult> AwsOkAsync(params string[] args)
    {
        var result = await AwsAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private Task<ProcessResult> AwsAsync(params string[] args) =>
        ProcessRunner.RunAsync(Peers.AwsCli, [.. args, "--endpoint-url", _server.Endpoint, "--region", "us-east-1", "--output", "json"], _server.ClientEnvironment());
}
