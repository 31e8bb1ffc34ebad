using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

public sealed class SamplerTests
{
    private readonly FakeTimeProvider _time = new(Start);

    private double Now => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private static SamplingRuleRecord Record(SamplingRule rule) =>
        new() { SamplingRule = rule with { Attributes = rule.Attributes ?? new Dictionary<string, string>() } };

    private static SamplingRuleRecord DefaultRecord(double rate = 0.05, int reservoir = 1) =>
        Record(Custom("Default", priority: 10000, rate: rate, reservoir: reservoir));

    private Sampler NewSampler(double draw = 0.99) =>
        new(_time, new SamplerOptions { NextDouble = () => draw, ClientId = Client(7) });

    private static int CountSampled(Sampler sampler, int requests, SamplingRequest request)
    {
        var sampled = 0;
        for (var i = 0; i < requests; i++)
        {
            sampled += sampler.ShouldSample(request).Sampled ? 1 : 0;
        }

        return sampled;
    }

    [Fact]
    public void WithoutRulesTheLocalDefaultTakesOnePerSecondThenTheRate()
    {
        var unlucky = NewSampler(draw: 0.99);
        var request = new SamplingRequest("svc");
        Assert.Equal(new SamplerDecision(true, null, SamplerReason.Reservoir), unlucky.ShouldSample(request));
        Assert.Equal(0, CountSampled(unlucky, 50, request));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(unlucky.ShouldSample(request).Sampled);
        Assert.False(unlucky.HasCentralizedRules);

        var lucky = NewSampler(draw: 0.01);
        Assert.Equal(11, CountSampled(lucky, 11, request));
        Assert.Equal(SamplerReason.FixedRate, lucky.ShouldSample(request).Reason);
    }

    [Fact]
    public void LocalRateIsAboutFivePercentWithRealRandomness()
    {
        var sampler = new Sampler(_time);
        var sampled = CountSampled(sampler, 20_000, new SamplingRequest("svc")) - 1;
        Assert.InRange(sampled, 800, 1200);
    }

    [Fact]
    public void TheFirstMatchingRuleByPriorityThenNameDecides()
    {
        var sampler = NewSampler();
        sampler.ApplyRules(
        [
            DefaultRecord(),
            Record(Custom("b-api", priority: 10, path: "/api/*", reservoir: 1)),
            Record(Custom("a-api", priority: 10, path: "/api/*", method: "POST", reservoir: 1)),
            Record(Custom("first", priority: 1, service: "Score?eep", path: "/api/state/*", reservoir: 0, rate: 0)),
        ]);

        Assert.Equal(["first", "a-api", "b-api", "Default"], sampler.RuleNames);
        Assert.Equal("first", sampler.ShouldSample(new SamplingRequest("scorekeep", null, "h", "GET", "/api/state/1")).RuleName);
        Assert.Equal("a-api", sampler.ShouldSample(new SamplingRequest("other", null, "h", "post", "/api/x")).RuleName);
        Assert.Equal("b-api", sampler.ShouldSample(new SamplingRequest("other", null, "h", "GET", "/api/x")).RuleName);
        Assert.Equal("Default", sampler.ShouldSample(new SamplingRequest("other", null, "h", "GET", "/home")).RuleName);
        Assert.True(sampler.HasCentralizedRules);
    }

    [Fact]
    public void RulesSdksCannotApplyAreSkipped()
    {
        var sampler = NewSampler();
        sampler.ApplyRules(
        [
            DefaultRecord(),
            Record(Custom("apigw") with { ResourceArn = "arn:aws:apigateway:us-east-1::/restapis/x/stages/prod" }),
            Record(Custom("attrs") with { Attributes = new Dictionary<string, string> { ["h"] = "v" } }),
            Record(Custom("v2") with { Version = 2 }),
        ]);
        Assert.Equal(["Default"], sampler.RuleNames);
    }

    [Fact]
    public void WithoutAQuotaARuleBorrowsOnePerSecondThenUsesItsRate()
    {
        var sampler = NewSampler(draw: 0.5);
        sampler.ApplyRules([DefaultRecord(), Record(Custom("r", priority: 1, reservoir: 5, rate: 0.4))]);
        var request = new SamplingRequest("svc");

        Assert.Equal(new SamplerDecision(true, "r", SamplerReason.Borrowed), sampler.ShouldSample(request));
        Assert.Equal(new SamplerDecision(false, "r", SamplerReason.NotSampled), sampler.ShouldSample(request));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SamplerReason.Borrowed, sampler.ShouldSample(request).Reason);
    }

    [Fact]
    public void ARuleWithoutReservoirNeverBorrows()
    {
        var sampler = NewSampler(draw: 0.99);
        sampler.ApplyRules([DefaultRecord(), Record(Custom("r", priority: 1, reservoir: 0, rate: 0.5))]);
        Assert.Equal(0, CountSampled(sampler, 10, new SamplingRequest("svc")));
    }

    [Fact]
    public void AQuotaIsUsedEachSecondUntilItsTtl()
    {
        var sampler = NewSampler(draw: 0.99);
        sampler.ApplyRules([DefaultRecord(), Record(Custom("r", priority: 1, reservoir: 5, rate: 0))]);
        var request = new SamplingRequest("svc");
        sampler.ShouldSample(request);
        Assert.NotNull(sampler.TakeStatistics());

        sampler.ApplyTargets(new GetSamplingTargetsResponse
        {
            SamplingTargetDocuments = [new SamplingTargetDocument { RuleName = "r", FixedRate = 0, ReservoirQuota = 3, ReservoirQuotaTtl = Now + 30, Interval = 10 }],
            UnprocessedStatistics = [],
        });

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, CountSampled(sampler, 10, request));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, CountSampled(sampler, 10, request));

        // Past the TTL the quota is void and the rule falls back to borrowing.
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, CountSampled(sampler, 10, request));
    }

    [Fact]
    public void StatisticsAreReportedOncePerIntervalAndReset()
    {
        var sampler = NewSampler(draw: 0.99);
        sampler.ApplyRules([DefaultRecord(), Record(Custom("r", priority: 1, reservoir: 1, rate: 0))]);
        Assert.Null(sampler.TakeStatistics());

        CountSampled(sampler, 7, new SamplingRequest("svc"));
        var document = Assert.Single(sampler.TakeStatistics()!.SamplingStatisticsDocuments!);
        Assert.Equal(("r", Client(7), 7, 1, 1), (document.RuleName, document.ClientId, document.RequestCount!.Value, document.SampledCount!.Value, document.BorrowCount!.Value));
        Assert.Equal(Math.Floor(Now), document.Timestamp);
        Assert.Null(sampler.TakeStatistics());

        sampler.ApplyTargets(new GetSamplingTargetsResponse
        {
            SamplingTargetDocuments = [new SamplingTargetDocument { RuleName = "r", FixedRate = 0, ReservoirQuota = 1, ReservoirQuotaTtl = Now + 60, Interval = 10 }],
            UnprocessedStatistics = [],
        });
        sampler.ShouldSample(new SamplingRequest("svc"));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(sampler.TakeStatistics());
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, Assert.Single(sampler.TakeStatistics()!.SamplingStatisticsDocuments!).RequestCount);
    }

    [Fact]
    public void ApplyTargetsAsksForARulesRefreshWhenRulesChangedOrWereRefused()
    {
        var sampler = NewSampler();
        sampler.ApplyRules([DefaultRecord()]);
        var fetchedAt = Now;
        Assert.False(sampler.ApplyTargets(new GetSamplingTargetsResponse { SamplingTargetDocuments = [], UnprocessedStatistics = [], LastRuleModification = fetchedAt - 10 }));
        Assert.True(sampler.ApplyTargets(new GetSamplingTargetsResponse { SamplingTargetDocuments = [], UnprocessedStatistics = [], LastRuleModification = fetchedAt + 1 }));
        Assert.True(sampler.ApplyTargets(new GetSamplingTargetsResponse
        {
            SamplingTargetDocuments = [],
            UnprocessedStatistics = [new UnprocessedStatistics { RuleName = "gone", ErrorCode = "400", Message = "Rule not found" }],
        }));
    }

    [Fact]
    public void StaleCentralizedRulesFallBackToTheLocalDefault()
    {
        var sampler = NewSampler();
        sampler.ApplyRules([DefaultRecord()]);
        Assert.Equal("Default", sampler.ShouldSample(new SamplingRequest("svc")).RuleName);
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Null(sampler.ShouldSample(new SamplingRequest("svc")).RuleName);
        Assert.False(sampler.HasCentralizedRules);
    }

    [Fact]
    public void ReappliedRulesKeepTheirQuota()
    {
        var sampler = NewSampler(draw: 0.99);
        sampler.ApplyRules([DefaultRecord(), Record(Custom("r", priority: 1, reservoir: 5, rate: 0))]);
        sampler.ApplyTargets(new GetSamplingTargetsResponse
        {
            SamplingTargetDocuments = [new SamplingTargetDocument { RuleName = "r", ReservoirQuota = 2, ReservoirQuotaTtl = Now + 60 }],
            UnprocessedStatistics = [],
        });
        sampler.ApplyRules([DefaultRecord(), Record(Custom("r", priority: 1, reservoir: 5, rate: 0))]);
        Assert.Equal(2, CountSampled(sampler, 5, new SamplingRequest("svc")));
    }

    [Fact]
    public void ClientIdsAreTwentyFourHexCharacters()
    {
        var id = Sampler.NewClientId();
        Assert.Matches("^[0-9a-f]{24}$", id);
        Assert.NotEqual(id, Sampler.NewClientId());
        Assert.Matches("^[0-9a-f]{24}$", new Sampler(_time).ClientId);
    }

    [Fact]
    public async Task ConcurrentDecisionsKeepExactCounts()
    {
        var sampler = NewSampler(draw: 0.99);
        sampler.ApplyRules([DefaultRecord(), Record(Custom("r", priority: 1, reservoir: 1, rate: 0))]);
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => CountSampled(sampler, 10_000, new SamplingRequest("svc")))).ToArray();
        var sampled = (await Task.WhenAll(workers)).Sum();

        var document = Assert.Single(sampler.TakeStatistics()!.SamplingStatisticsDocuments!);
        Assert.Equal(40_000, document.RequestCount);
        Assert.Equal(1, sampled);
        Assert.Equal(1, document.BorrowCount);
    }

    [Fact]
    public async Task SamplersAndServiceTogetherShareTheReservoir()
    {
        var service = new SamplingRuleService(_time);
        await service.CreateSamplingRuleAsync(Create(Custom("shared", priority: 1, reservoir: 4, rate: 0)));
        var samplers = Enumerable.Range(0, 2).Select(i => new Sampler(_time, new SamplerOptions { ClientId = Client(i), NextDouble = () => 0.99 })).ToArray();
        foreach (var sampler in samplers)
        {
            sampler.ApplyRules(service.GetSamplingRules().SamplingRuleRecords);
            CountSampled(sampler, 20, new SamplingRequest("svc"));
        }

        // Two polling rounds: the first registers both clients, the second hands out the split.
        for (var round = 0; round < 2; round++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            foreach (var sampler in samplers)
            {
                CountSampled(sampler, 20, new SamplingRequest("svc"));
                Assert.False(sampler.ApplyTargets(service.GetSamplingTargets(sampler.TakeStatistics()!)));
            }
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        var perSecond = samplers.Sum(s => CountSampled(s, 50, new SamplingRequest("svc")));
        Assert.Equal(4, perSecond);
    }
}
