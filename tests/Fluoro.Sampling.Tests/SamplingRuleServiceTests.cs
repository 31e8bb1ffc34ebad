using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

public sealed class SamplingRuleServiceTests
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SamplingRuleService _service;

    public SamplingRuleServiceTests()
    {
        _service = new SamplingRuleService(_time, new SamplingRuleServiceOptions { Region = "eu-west-1", AccountId = "123456789012" });
    }

    private double Now => _time.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public void StartsWithTheDefaultRule()
    {
        var record = Assert.Single(_service.GetSamplingRules().SamplingRuleRecords);
        var rule = record.SamplingRule;
        Assert.Equal("Default", rule.RuleName);
        Assert.Equal("arn:aws:xray:eu-west-1:123456789012:sampling-rule/Default", rule.RuleArn);
        Assert.Equal(10000, rule.Priority);
        Assert.Equal(0.05, rule.FixedRate);
        Assert.Equal(1, rule.ReservoirSize);
        Assert.All(new[] { rule.ResourceArn, rule.ServiceName, rule.ServiceType, rule.Host, rule.HttpMethod, rule.UrlPath }, v => Assert.Equal("*", v));
        Assert.Equal(1, rule.Version);
        Assert.Empty(rule.Attributes!);
        Assert.Equal(0, record.CreatedAt);
    }

    [Fact]
    public async Task CreatedRulesAreListedByPriorityThenNameWithDefaultLast()
    {
        _time.Advance(TimeSpan.FromSeconds(5));
        await _service.CreateSamplingRuleAsync(Create(Custom("zeta", priority: 100)));
        await _service.CreateSamplingRuleAsync(Create(Custom("beta", priority: 200)));
        var created = await _service.CreateSamplingRuleAsync(Create(Custom("alpha", priority: 200)));

        Assert.Equal(Now, created.SamplingRuleRecord.CreatedAt);
        Assert.Equal(Now, created.SamplingRuleRecord.ModifiedAt);
        Assert.Equal("arn:aws:xray:eu-west-1:123456789012:sampling-rule/alpha", created.SamplingRuleRecord.SamplingRule.RuleArn);
        Assert.NotNull(created.SamplingRuleRecord.SamplingRule.Attributes);
        Assert.Equal(
            ["zeta", "alpha", "beta", "Default"],
            _service.GetSamplingRules().SamplingRuleRecords.Select(r => r.SamplingRule.RuleName!));
        Assert.Equal(Now, _service.LastRuleModification);
    }

    [Fact]
    public async Task CreateCanNameTheRuleByArn()
    {
        var rule = Custom("ignored") with { RuleName = null, RuleArn = "arn:aws:xray:us-east-1:123456789012:sampling-rule/by-arn" };
        var created = await _service.CreateSamplingRuleAsync(Create(rule));
        Assert.Equal("by-arn", created.SamplingRuleRecord.SamplingRule.RuleName);
    }

    public static TheoryData<SamplingRule, string> InvalidRules => new()
    {
        { Custom("x") with { RuleName = null }, "RuleName or a RuleARN" },
        { Custom(new string('n', 33)), "1 to 32 characters" },
        { Custom("Default"), "reserved" },
        { Custom("x", priority: 0), "Priority must be between 1 and 9999" },
        { Custom("x", priority: 10000), "Priority must be between 1 and 9999" },
        { Custom("x", rate: 1.5), "FixedRate must be between 0 and 1" },
        { Custom("x", rate: -0.1), "FixedRate must be between 0 and 1" },
        { Custom("x", reservoir: -1), "ReservoirSize must be 0 or more" },
        { Custom("x") with { Priority = null }, "SamplingRule.Priority is required" },
        { Custom("x") with { ServiceName = null }, "SamplingRule.ServiceName is required" },
        { Custom("x") with { Version = null }, "SamplingRule.Version is required" },
        { Custom("x") with { Version = 0 }, "Version must be 1 or more" },
        { Custom("x", method: "PROPFINDXYZ"), "HTTPMethod must be at most 10" },
        { Custom("x", path: "/" + new string('p', 128)), "URLPath must be at most 128" },
        { Custom("x", service: new string('s', 65)), "ServiceName must be at most 64" },
        { Custom("x") with { Attributes = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3", ["d"] = "4", ["e"] = "5", ["f"] = "6" } }, "at most 5" },
        { Custom("x") with { Attributes = new Dictionary<string, string> { ["a"] = "" } }, "1 to 32" },
        { Custom("x") with { SamplingRateBoost = new SamplingRateBoost { MaxRate = 2, CooldownWindowMinutes = 1 } }, "MaxRate" },
        { Custom("x") with { RuleArn = "arn:aws:xray:us-east-1:1:sampling-rule/other" }, "different rules" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task InvalidRulesAreRefusedAsInvalidRequest(SamplingRule rule, string fragment)
    {
        var ex = await Assert.ThrowsAsync<SamplingException>(() => _service.CreateSamplingRuleAsync(Create(rule)));
        Assert.Equal("InvalidRequestException", ex.ErrorType);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        Assert.Single(_service.Rules);
    }

    [Fact]
    public async Task DuplicateNamesAreRefused()
    {
        await _service.CreateSamplingRuleAsync(Create(Custom("dup")));
        var ex = await Assert.ThrowsAsync<SamplingException>(() => _service.CreateSamplingRuleAsync(Create(Custom("dup"))));
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTwentySixthCustomRuleExceedsTheLimit()
    {
        for (var i = 0; i < 25; i++)
        {
            await _service.CreateSamplingRuleAsync(Create(Custom($"rule-{i}")));
        }

        var ex = await Assert.ThrowsAsync<SamplingException>(() => _service.CreateSamplingRuleAsync(Create(Custom("one-too-many"))));
        Assert.Equal("RuleLimitExceededException", ex.ErrorType);
        Assert.Equal(26, _service.Rules.Count);
    }

    [Fact]
    public async Task UpdateChangesOnlyGivenMembersAndBumpsModifiedAt()
    {
        var created = (await _service.CreateSamplingRuleAsync(Create(Custom("svc", service: "Scorekeep")))).SamplingRuleRecord;
        _time.Advance(TimeSpan.FromMinutes(1));

        var updated = (await _service.UpdateSamplingRuleAsync(new UpdateSamplingRuleRequest
        {
            SamplingRuleUpdate = new SamplingRuleUpdate { RuleArn = created.SamplingRule.RuleArn, FixedRate = 0.5, UrlPath = "/api/*" },
        })).SamplingRuleRecord;

        Assert.Equal(0.5, updated.SamplingRule.FixedRate);
        Assert.Equal("/api/*", updated.SamplingRule.UrlPath);
        Assert.Equal("Scorekeep", updated.SamplingRule.ServiceName);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(Now, updated.ModifiedAt);
        Assert.Equal(Now, _service.LastRuleModification);
    }

    [Fact]
    public async Task DefaultRuleAllowsOnlyRateAndReservoirChanges()
    {
        var updated = (await _service.UpdateSamplingRuleAsync(new UpdateSamplingRuleRequest
        {
            SamplingRuleUpdate = new SamplingRuleUpdate { RuleName = "Default", FixedRate = 0.01, ReservoirSize = 0, ServiceName = "*" },
        })).SamplingRuleRecord;
        Assert.Equal(0.01, updated.SamplingRule.FixedRate);
        Assert.Equal(0, updated.SamplingRule.ReservoirSize);

        var ex = await Assert.ThrowsAsync<SamplingException>(() => _service.UpdateSamplingRuleAsync(new UpdateSamplingRuleRequest
        {
            SamplingRuleUpdate = new SamplingRuleUpdate { RuleName = "Default", Priority = 5 },
        }));
        Assert.Contains("Only FixedRate and ReservoirSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateOfAnUnknownRuleIsInvalid()
    {
        var ex = await Assert.ThrowsAsync<SamplingException>(() => _service.UpdateSamplingRuleAsync(new UpdateSamplingRuleRequest
        {
            SamplingRuleUpdate = new SamplingRuleUpdate { RuleName = "ghost", FixedRate = 0.1 },
        }));
        Assert.Equal("InvalidRequestException", ex.ErrorType);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteReturnsTheRuleMovesTheClockAndProtectsDefault()
    {
        await _service.CreateSamplingRuleAsync(Create(Custom("gone")));
        _time.Advance(TimeSpan.FromSeconds(30));

        var deleted = await _service.DeleteSamplingRuleAsync(new DeleteSamplingRuleRequest { RuleName = "gone" });
        Assert.Equal("gone", deleted.SamplingRuleRecord.SamplingRule.RuleName);
        Assert.Equal(Now, _service.LastRuleModification);
        Assert.Single(_service.Rules);

        var ex = await Assert.ThrowsAsync<SamplingException>(() => _service.DeleteSamplingRuleAsync(new DeleteSamplingRuleRequest { RuleName = "Default" }));
        Assert.Contains("cannot be deleted", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SamplingException>(() => _service.DeleteSamplingRuleAsync(new DeleteSamplingRuleRequest { RuleName = "gone" }));
        await Assert.ThrowsAsync<SamplingException>(() => _service.DeleteSamplingRuleAsync(new DeleteSamplingRuleRequest()));
    }

    [Fact]
    public async Task TagsAreKeptAndEditable()
    {
        var arn = (await _service.CreateSamplingRuleAsync(Create(Custom("tagged"), new ResourceTag { Key = "team", Value = "games" })))
            .SamplingRuleRecord.SamplingRule.RuleArn!;
        await _service.TagRuleAsync(arn, [new ResourceTag { Key = "env", Value = "prod" }, new ResourceTag { Key = "team", Value = "web" }]);
        Assert.Equal(["env=prod", "team=web"], _service.GetTags(arn).Select(t => $"{t.Key}={t.Value}").Order());
        await _service.UntagRuleAsync("tagged", ["team"]);
        Assert.Equal(["env"], _service.GetTags("tagged").Select(t => t.Key!));
    }

    [Fact]
    public void UnknownNextTokenIsInvalid() =>
        Assert.Throws<SamplingException>(() => _service.GetSamplingRules(new GetSamplingRulesRequest { NextToken = "bogus" }));
}
