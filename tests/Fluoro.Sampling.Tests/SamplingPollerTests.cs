using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

public sealed class SamplingPollerTests
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SamplingPollerOptions _noJitter = new() { NextDouble = () => 0 };

    [Fact]
    public async Task FetchesRulesReportsStatisticsAndRefreshesWhenRulesChange()
    {
        var service = new SamplingRuleService(_time);
        await service.CreateSamplingRuleAsync(Create(Custom("api", priority: 1, reservoir: 2, rate: 0, path: "/api/*")));
        var sampler = new Sampler(_time, new SamplerOptions { ClientId = Client(1), NextDouble = () => 0.99 });
        var poller = new SamplingPoller(sampler, new InProcessSamplingRulesSource(service), _time, _noJitter);

        Assert.Equal(TimeSpan.FromSeconds(10), await poller.PollOnceAsync());
        Assert.Equal(["api", "Default"], sampler.RuleNames);

        var request = new SamplingRequest("svc", null, "h", "GET", "/api/x");
        Assert.Equal(1, Enumerable.Range(0, 10).Count(_ => sampler.ShouldSample(request).Sampled));

        _time.Advance(TimeSpan.FromSeconds(10));
        await poller.PollOnceAsync();
        Assert.Equal(1, service.Counters.StatisticsDocumentsAccepted);

        // With the quota of 2 in hand, two requests per second are sampled.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, Enumerable.Range(0, 10).Count(_ => sampler.ShouldSample(request).Sampled));

        // A rule created later is picked up at the next targets poll, long before the five-minute rules poll.
        _time.Advance(TimeSpan.FromSeconds(1));
        await service.CreateSamplingRuleAsync(Create(Custom("late", priority: 2)));
        _time.Advance(TimeSpan.FromSeconds(8));
        await poller.PollOnceAsync();
        Assert.Equal(["api", "late", "Default"], sampler.RuleNames);
        Assert.Equal(0, poller.Failures);
    }

    [Fact]
    public async Task NothingToReportMeansNoTargetsCall()
    {
        var source = new CountingSource(new SamplingRuleService(_time));
        var poller = new SamplingPoller(new Sampler(_time), source, _time, _noJitter);
        await poller.PollOnceAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        await poller.PollOnceAsync();
        Assert.Equal((1, 0), (source.RuleCalls, source.TargetCalls));

        _time.Advance(TimeSpan.FromMinutes(5));
        await poller.PollOnceAsync();
        Assert.Equal(2, source.RuleCalls);
    }

    [Fact]
    public async Task FailuresAreCountedAndDoNotStopPolling()
    {
        var sampler = new Sampler(_time);
        var poller = new SamplingPoller(sampler, new FailingSource(), _time, _noJitter);
        var wait = await poller.PollOnceAsync();
        Assert.Equal(1, poller.Failures);
        Assert.Equal(TimeSpan.FromSeconds(10), wait);
        Assert.True(sampler.ShouldSample(new SamplingRequest("svc")).Sampled);
    }

    [Fact]
    public async Task RunAsyncStopsWhenCancelled()
    {
        var poller = new SamplingPoller(new Sampler(_time), new CountingSource(new SamplingRuleService(_time)), _time, _noJitter);
        using var cts = new CancellationTokenSource();
        var run = poller.RunAsync(cts.Token);
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class CountingSource(SamplingRuleService service) : ISamplingRulesSource
    {
        private readonly InProcessSamplingRulesSource _inner = new(service);

        public int RuleCalls { get; private set; }

        public int TargetCalls { get; private set; }

        public Task<GetSamplingRulesResponse> GetSamplingRulesAsync(CancellationToken cancellationToken = default)
        {
            RuleCalls++;
            return _inner.GetSamplingRulesAsync(cancellationToken);
        }

        public Task<GetSamplingTargetsResponse> GetSamplingTargetsAsync(GetSamplingTargetsRequest request, CancellationToken cancellationToken = default)
        {
            TargetCalls++;
            return _inner.GetSamplingTargetsAsync(request, cancellationToken);
        }
    }

    private sealed class FailingSource : ISamplingRulesSource
    {
        public Task<GetSamplingRulesResponse> GetSamplingRulesAsync(CancellationToken cancellationToken = default) =>
            Task.FromException<GetSamplingRulesResponse>(new HttpRequestException("connection refused"));

        public Task<GetSamplingTargetsResponse> GetSamplingTargetsAsync(GetSamplingTargetsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromException<GetSamplingTargetsResponse>(new HttpRequestException("connection refused"));
    }
}
