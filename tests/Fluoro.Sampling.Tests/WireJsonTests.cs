using System.Text;
using System.Text.Json;
using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

/// <summary>The bytes real SDKs and the CLI send and expect.</summary>
public sealed class WireJsonTests
{
    private readonly FakeTimeProvider _time = new(Start);

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"NextToken\": null}")]
    [InlineData("  \n")]
    public void GetSamplingRulesAcceptsWhatTheSdksSend(string body)
    {
        var service = new SamplingRuleService(_time);
        using var json = JsonDocument.Parse(service.GetSamplingRulesJson(Encoding.UTF8.GetBytes(body)));

        var rule = json.RootElement.GetProperty("SamplingRuleRecords")[0].GetProperty("SamplingRule");
        Assert.Equal("Default", rule.GetProperty("RuleName").GetString());
        Assert.Equal(
            ["RuleName", "RuleARN", "ResourceARN", "Priority", "FixedRate", "ReservoirSize", "ServiceName", "ServiceType", "Host", "HTTPMethod", "URLPath", "Version", "Attributes"],
            rule.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, rule.GetProperty("Attributes").ValueKind);
        Assert.Equal(10000, rule.GetProperty("Priority").GetInt32());
        Assert.Equal(0.05, rule.GetProperty("FixedRate").GetDouble());
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("SamplingRuleRecords")[0].GetProperty("CreatedAt").ValueKind);
        Assert.False(json.RootElement.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public void GetSamplingTargetsReadsTheNodeSdkBodyAndAnswersInAwsShape()
    {
        var service = new SamplingRuleService(_time);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var body = $$"""{"SamplingStatisticsDocuments":[{"RuleName":"Default","ClientID":"dea31d473023b0a14cd2b5a7","RequestCount":27,"BorrowCount":9,"SampledCount":18,"Timestamp":{{now}}}]}""";

        using var json = JsonDocument.Parse(service.GetSamplingTargetsJson(Encoding.UTF8.GetBytes(body)));
        var root = json.RootElement;
        Assert.Equal(["SamplingTargetDocuments", "LastRuleModification", "UnprocessedStatistics"], root.EnumerateObject().Select(p => p.Name));
        var target = root.GetProperty("SamplingTargetDocuments")[0];
        Assert.Equal(["RuleName", "FixedRate", "ReservoirQuota", "ReservoirQuotaTTL", "Interval"], target.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, target.GetProperty("ReservoirQuota").GetInt32());
        Assert.Equal(now + 60, target.GetProperty("ReservoirQuotaTTL").GetDouble());
        Assert.Equal(0, root.GetProperty("UnprocessedStatistics").GetArrayLength());
    }

    [Fact]
    public void FractionalTimestampsFromTheDotNetSdkAreAccepted()
    {
        var service = new SamplingRuleService(_time);
        var now = _time.GetUtcNow().ToUnixTimeSeconds() + 0.25;
        var body = $$"""{"SamplingStatisticsDocuments":[{"RuleName":"Default","ClientID":"0123456789abcdef01234567","RequestCount":1,"SampledCount":1,"Timestamp":{{now}}}]}""";
        using var json = JsonDocument.Parse(service.GetSamplingTargetsJson(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(1, json.RootElement.GetProperty("SamplingTargetDocuments").GetArrayLength());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"SamplingStatisticsDocuments\": 5}")]
    [InlineData("{}")]
    public void MalformedTargetBodiesAreInvalidRequests(string body)
    {
        var service = new SamplingRuleService(_time);
        var ex = Assert.Throws<SamplingException>(() => service.GetSamplingTargetsJson(Encoding.UTF8.GetBytes(body)));
        Assert.Equal("InvalidRequestException", ex.ErrorType);
    }

    [Fact]
    public void CreateSamplingRuleRequestFromTheDocumentationDeserializes()
    {
        const string body = """
            { "SamplingRule": { "RuleName": "base-scorekeep", "ResourceARN": "*", "Priority": 9000, "FixedRate": 0.1, "ReservoirSize": 5,
                "ServiceName": "Scorekeep", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1 },
              "Tags": [ { "Key": "team", "Value": "games" } ] }
            """;
        var request = SamplingJson.Deserialize(Encoding.UTF8.GetBytes(body), SamplingJsonContext.Default.CreateSamplingRuleRequest);
        Assert.Equal("base-scorekeep", request.SamplingRule!.RuleName);
        Assert.Equal("*", request.SamplingRule.HttpMethod);
        Assert.Equal("*", request.SamplingRule.UrlPath);
        Assert.Equal("*", request.SamplingRule.ResourceArn);
        Assert.Equal("games", Assert.Single(request.Tags!).Value);

        var update = SamplingJson.Deserialize(
            """{ "SamplingRuleUpdate": { "RuleName": "Default", "FixedRate": 0.01, "ReservoirSize": 0 } }"""u8,
            SamplingJsonContext.Default.UpdateSamplingRuleRequest);
        Assert.Equal(0.01, update.SamplingRuleUpdate!.FixedRate);

        var delete = SamplingJson.Deserialize("""{ "RuleARN": "arn:aws:xray:us-east-1:1:sampling-rule/x" }"""u8, SamplingJsonContext.Default.DeleteSamplingRuleRequest);
        Assert.Equal("arn:aws:xray:us-east-1:1:sampling-rule/x", delete.RuleArn);
    }

    [Fact]
    public async Task RuleCrudRoundTripsThroughJsonBytes()
    {
        var service = new SamplingRuleService(_time);
        var created = await service.CreateSamplingRuleJsonAsync("""
            { "SamplingRule": { "RuleName": "polling-scorekeep", "ResourceARN": "*", "Priority": 5000, "FixedRate": 0.003, "ReservoirSize": 0,
                "ServiceName": "Scorekeep", "ServiceType": "*", "Host": "*", "HTTPMethod": "GET", "URLPath": "/api/state/*", "Version": 1 } }
            """u8.ToArray());
        using (var json = JsonDocument.Parse(created))
        {
            var record = json.RootElement.GetProperty("SamplingRuleRecord");
            Assert.Equal("/api/state/*", record.GetProperty("SamplingRule").GetProperty("URLPath").GetString());
            Assert.Equal(JsonValueKind.Object, record.GetProperty("SamplingRule").GetProperty("Attributes").ValueKind);
            Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), record.GetProperty("CreatedAt").GetDouble());
        }

        var updated = await service.UpdateSamplingRuleJsonAsync("""{ "SamplingRuleUpdate": { "RuleName": "polling-scorekeep", "FixedRate": 0.5 } }"""u8.ToArray());
        using (var json = JsonDocument.Parse(updated))
        {
            Assert.Equal(0.5, json.RootElement.GetProperty("SamplingRuleRecord").GetProperty("SamplingRule").GetProperty("FixedRate").GetDouble());
        }

        var deleted = await service.DeleteSamplingRuleJsonAsync("""{ "RuleName": "polling-scorekeep" }"""u8.ToArray());
        using (var json = JsonDocument.Parse(deleted))
        {
            Assert.Equal("polling-scorekeep", json.RootElement.GetProperty("SamplingRuleRecord").GetProperty("SamplingRule").GetProperty("RuleName").GetString());
        }

        using var summaries = JsonDocument.Parse(service.GetSamplingStatisticSummariesJson(""u8));
        Assert.Equal(0, summaries.RootElement.GetProperty("SamplingStatisticSummaries").GetArrayLength());
        await Assert.ThrowsAsync<SamplingException>(() => service.CreateSamplingRuleJsonAsync("{\"SamplingRule\": 1}"u8.ToArray()));
    }

    [Fact]
    public void StatisticSummariesSerializeWithAwsNames()
    {
        var bytes = SamplingJson.Serialize(
            new GetSamplingStatisticSummariesResponse
            {
                SamplingStatisticSummaries = [new SamplingStatisticSummary { RuleName = "r", Timestamp = 1530922800, RequestCount = 1100, BorrowCount = 10, SampledCount = 130 }],
            },
            SamplingJsonContext.Default.GetSamplingStatisticSummariesResponse);
        Assert.Equal(
            """{"SamplingStatisticSummaries":[{"RuleName":"r","Timestamp":1530922800,"RequestCount":1100,"BorrowCount":10,"SampledCount":130}]}""",
            Encoding.UTF8.GetString(bytes));
    }
}
