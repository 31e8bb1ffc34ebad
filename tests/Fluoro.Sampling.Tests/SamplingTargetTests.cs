using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

public sealed class SamplingTargetTests
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SamplingRuleService _service;

    public SamplingTargetTests()
    {
        _service = new SamplingRuleService(_time);
    }

    private double Now => _time.GetUtcNow().ToUnixTimeSeconds();

    private GetSamplingTargetsResponse Report(params SamplingStatisticsDocument[] documents) =>
        _service.GetSamplingTargets(new GetSamplingTargetsRequest { SamplingStatisticsDocuments = documents });

    [Fact]
    public async Task ASingleClientGetsTheWholeReservoir()
    {
        await _service.CreateSamplingRuleAsync(Create(Custom("base-scorekeep", rate: 0.1, reservoir: 5)));
        var response = Report(Stats("base-scorekeep", Client(1), Now, requests: 110, sampled: 20, borrowed: 10));

        var target = Assert.Single(response.SamplingTargetDocuments);
        Assert.Equal("base-scorekeep", target.RuleName);
        Assert.Equal(0.1, target.FixedRate);
        Assert.Equal(5, target.ReservoirQuota);
        Assert.Equal(Now + 60, target.ReservoirQuotaTtl);
        Assert.Equal(10, target.Interval);
        Assert.Null(target.SamplingBoost);
        Assert.Empty(response.UnprocessedStatistics);
        Assert.Null(response.UnprocessedBoostStatistics);
        Assert.Equal(_service.LastRuleModification, response.LastRuleModification);
    }

    [Fact]
    public async Task TheReservoirIsSplitEvenlyAndSumsToTheRuleSizeWhateverTheReportOrder()
    {
        await _service.CreateSamplingRuleAsync(Create(Custom("shared", reservoir: 10)));
        Report(Stats("shared", Client(1), Now, requests: 300));
        Report(Stats("shared", Client(2), Now, requests: 100));
        Report(Stats("shared", Client(3), Now, requests: 7));

        for (var round = 0; round < 3; round++)
        {
            // Clients poll at different phases of the interval; their quotas must still add up.
            var quotas = new List<int>();
            foreach (var i in new[] { 3, 1, 2 })
            {
                _time.Advance(TimeSpan.FromSeconds(3));
                quotas.Add(Report(Stats("shared", Client(i), Now, requests: 50 * i)).SamplingTargetDocuments[0].ReservoirQuota!.Value);
            }

            Assert.Equal(10, quotas.Sum());
            Assert.All(quotas, q => Assert.InRange(q, 3, 4));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task RemaindersRotateBetweenEqualClients()
    {
        await _service.CreateSamplingRuleAsync(Create(Custom("one", reservoir: 1)));
        var winners = new List<int>();
        for (var round = 0; round < 4; round++)
        {
            Report(Stats("one", Client(1), Now, 10));
            Report(Stats("one", Client(2), Now, 10));
            var q1 = Report(Stats("one", Client(1), Now, 10)).SamplingTargetDocuments[0].ReservoirQuota!.Value;
            var q2 = Report(Stats("one", Client(2), Now, 10)).SamplingTargetDocuments[0].ReservoirQuota!.Value;
            Assert.Equal(1, q1 + q2);
            winners.Add(q1 == 1 ? 1 : 2);
            _time.Advance(TimeSpan.FromSeconds(60));
        }

        Assert.Contains(1, winners);
        Assert.Contains(2, winners);
    }

    [Fact]
    public async Task SilentClientsStopCountingAfterTwoIntervals()
    {
        await _service.CreateSamplingRuleAsync(Create(Custom("r", reservoir: 4)));
        Report(Stats("r", Client(1), Now, 10));
        Assert.Equal(2, Report(Stats("r", Client(2), Now, 10)).SamplingTargetDocuments[0].ReservoirQuota);

        _time.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(4, Report(Stats("r", Client(2), Now, 10)).SamplingTargetDocuments[0].ReservoirQuota);
    }

    [Fact]
    public async Task UnknownRulesAndStaleDocumentsAreUnprocessed()
    {
        await _service.CreateSamplingRuleAsync(Create(Custom("known")));
        var response = Report(
            Stats("ghost", Client(1), Now, 1),
            Stats("known", Client(1), Now - 600, 1));

        Assert.Empty(response.SamplingTargetDocuments);
        Assert.Collection(
            response.UnprocessedStatistics,
            u => Assert.Equal(("ghost", "400", "Rule not found"), (u.RuleName, u.ErrorCode, u.Message)),
            u => Assert.Equal(("known", "400", "Statistics document too old"), (u.RuleName, u.ErrorCode, u.Message)));
        Assert.Equal(2, _service.Counters.StatisticsDocumentsUnprocessed);
    }

    [Fact]
    public async Task ADeletedRuleBecomesUnprocessed()
    {
        await _service.CreateSamplingRuleAsync(Create(Custom("temp")));
        Assert.Single(Report(Stats("temp", Client(1), Now, 1)).SamplingTargetDocuments);
        await _service.DeleteSamplingRuleAsync(new DeleteSamplingRuleRequest { RuleName = "temp" });
        Assert.Equal("400", Assert.Single(Report(Stats("temp", Client(1), Now, 1)).UnprocessedStatistics).ErrorCode);
    }

    [Theory]
    [InlineData(null, "0123456789abcdef01234567", 1.0, 1, "RuleName")]
    [InlineData("Default", "short", 1.0, 1, "ClientID")]
    [InlineData("Default", "0123456789abcdef01234567", null, 1, "Timestamp")]
    [InlineData("Default", "0123456789abcdef01234567", 1.0, -1, "negative")]
    public void MalformedDocumentsAreInvalidRequests(string? rule, string client, double? timestamp, int requests, string fragment)
    {
        var document = new SamplingStatisticsDocument { RuleName = rule, ClientId = client, Timestamp = timestamp, RequestCount = requests, SampledCount = 0 };
        var ex = Assert.Throws<SamplingException>(() => Report(document));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanTwentyFiveDocumentsIsInvalid()
    {
        var documents = Enumerable.Range(0, 26).Select(i => Stats("Default", Client(i), Now, 1)).ToArray();
        Assert.Throws<SamplingException>(() => Report(documents));
        Assert.Throws<SamplingException>(() => _service.GetSamplingTargets(new GetSamplingTargetsRequest()));
    }

    [Fact]
    public void StatisticSummariesAggregateTheLatestWindowAcrossClients()
    {
        Assert.Empty(_service.GetSamplingStatisticSummaries().SamplingStatisticSummaries);

        var t = Now + 3;
        Report(Stats("Default", Client(1), t, requests: 100, sampled: 10, borrowed: 1));
        Report(Stats("Default", Client(2), t + 1, requests: 50, sampled: 5, borrowed: 0));

        var summary = Assert.Single(_service.GetSamplingStatisticSummaries().SamplingStatisticSummaries);
        Assert.Equal("Default", summary.RuleName);
        Assert.Equal(Math.Floor(t / 10) * 10, summary.Timestamp);
        Assert.Equal((150, 15, 1), (summary.RequestCount, summary.SampledCount, summary.BorrowCount));
    }

    [Fact]
    public async Task AnomaliesBoostTheRateOncePerCooldown()
    {
        var rule = Custom("boosted", rate: 0.05) with { SamplingRateBoost = new SamplingRateBoost { MaxRate = 0.5, CooldownWindowMinutes = 5 } };
        await _service.CreateSamplingRuleAsync(Create(rule));
        var boostDocument = new SamplingBoostStatisticsDocument { RuleName = "boosted", ServiceName = "checkout", Timestamp = Now, AnomalyCount = 3, TotalCount = 100, SampledAnomalyCount = 1 };

        var response = _service.GetSamplingTargets(new GetSamplingTargetsRequest
        {
            SamplingStatisticsDocuments = [Stats("boosted", Client(1), Now, 100)],
            SamplingBoostStatisticsDocuments = [boostDocument, boostDocument with { RuleName = "ghost" }],
        });
        var boost = response.SamplingTargetDocuments[0].SamplingBoost;
        Assert.NotNull(boost);
        Assert.Equal(0.5, boost.BoostRate);
        Assert.Equal(Now + 60, boost.BoostRateTtl);
        Assert.Equal("ghost", Assert.Single(response.UnprocessedBoostStatistics!).RuleName);

        _time.Advance(TimeSpan.FromMinutes(2));
        response = _service.GetSamplingTargets(new GetSamplingTargetsRequest
        {
            SamplingStatisticsDocuments = [Stats("boosted", Client(1), Now, 100)],
            SamplingBoostStatisticsDocuments = [boostDocument with { Timestamp = Now }],
        });
        Assert.Null(response.SamplingTargetDocuments[0].SamplingBoost);
    }

    [Fact]
    public async Task ClientsPerRuleAreBoundedAndEvictionsCounted()
    {
        var service = new SamplingRuleService(_time, new SamplingRuleServiceOptions { MaxClientsPerRule = 3 });
        await service.CreateSamplingRuleAsync(Create(Custom("busy")));
        for (var i = 0; i < 5; i++)
        {
            service.GetSamplingTargets(new GetSamplingTargetsRequest { SamplingStatisticsDocuments = [Stats("busy", Client(i), Now, 1)] });
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(2, service.Counters.ClientsEvicted);
    }
}
