using Fluoro.Lambda.Tracing;
using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;

namespace Fluoro.Lambda.Tests.Events;

/// <summary>
/// Active tracing decided by the X-Ray sampling rules: a real <see cref="SamplingRuleService"/> over an in-memory
/// repository, edited the way the X-Ray API edits it, and a fake clock.
/// </summary>
public sealed class RuleBasedLambdaSamplerTests
{
    private const string Function = "orders";

    private static readonly DateTimeOffset Start = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);

    private static LambdaSamplingRequest Request(FakeTimeProvider time, string name = Function) =>
        new(name, "AWS::Lambda", "arn:aws:lambda:us-east-1:000000000000:function:" + name, time.GetUtcNow());

    private static async Task<(FakeTimeProvider Time, SamplingRuleService Rules)> NewRulesAsync()
    {
        var time = new FakeTimeProvider(Start);
        var rules = await SamplingRuleService.CreateAsync(new InMemorySamplingRuleRepository(), time);
        return (time, rules);
    }

    private static SamplingRule Rule(string name, string serviceName, double fixedRate, int reservoirSize, int priority = 1) => new()
    {
        RuleName = name,
        ResourceArn = "*",
        Priority = priority,
        FixedRate = fixedRate,
        ReservoirSize = reservoirSize,
        ServiceName = serviceName,
        ServiceType = "*",
        Host = "*",
        HttpMethod = "*",
        UrlPath = "*",
        Version = 1,
    };

    private static int CountSampled(RuleBasedLambdaSampler sampler, FakeTimeProvider time, int requests, string name = Function) =>
        Enumerable.Range(0, requests).Count(_ => sampler.ShouldSample(Request(time, name)));

    [Fact]
    public async Task Default_rule_traces_one_request_per_second_then_the_fixed_rate()
    {
        var (time, rules) = await NewRulesAsync();
        var draw = 0.5;
        var sampler = new RuleBasedLambdaSampler(rules, time, new SamplerOptions { NextDouble = () => draw });

        var first = sampler.Decide(Request(time));
        Assert.True(first.Sampled);
        Assert.Equal("Default", first.RuleName);
        Assert.Equal(0, CountSampled(sampler, time, 20));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, CountSampled(sampler, time, 20));

        // Draws under 5 % win the fixed rate once the second's request is taken.
        draw = 0.04;
        Assert.Equal(20, CountSampled(sampler, time, 20));
        draw = 0.06;
        Assert.Equal(0, CountSampled(sampler, time, 20));
    }

    [Fact]
    public async Task A_rule_created_for_the_function_traces_every_invocation_from_the_next_decision()
    {
        var (time, rules) = await NewRulesAsync();
        var sampler = new RuleBasedLambdaSampler(rules, time, new SamplerOptions { NextDouble = () => 0.99 });
        Assert.Equal(1, CountSampled(sampler, time, 10));

        await rules.CreateSamplingRuleAsync(new CreateSamplingRuleRequest { SamplingRule = Rule("trace-orders", Function, 1.0, 0) });

        var decision = sampler.Decide(Request(time));
        Assert.True(decision.Sampled);
        Assert.Equal("trace-orders", decision.RuleName);
        Assert.Equal(SamplerReason.FixedRate, decision.Reason);
        Assert.Equal(50, CountSampled(sampler, time, 50));

        // Other functions still fall through to Default (its one-per-second reservoir was used above).
        var other = sampler.Decide(Request(time, "billing"));
        Assert.Equal("Default", other.RuleName);
        Assert.False(other.Sampled);
    }

    [Fact]
    public async Task A_rule_with_no_reservoir_and_no_rate_stops_tracing_until_it_is_deleted()
    {
        var (time, rules) = await NewRulesAsync();
        await rules.CreateSamplingRuleAsync(new CreateSamplingRuleRequest { SamplingRule = Rule("quiet", "ord*", 0, 0) });
        var sampler = new RuleBasedLambdaSampler(rules, time, new SamplerOptions { NextDouble = () => 0.0 });

        for (var second = 0; second < 3; second++)
        {
            Assert.Equal(0, CountSampled(sampler, time, 10));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal("quiet", sampler.Decide(Request(time)).RuleName);

        await rules.DeleteSamplingRuleAsync(new DeleteSamplingRuleRequest { RuleName = "quiet" });
        var after = sampler.Decide(Request(time));
        Assert.Equal("Default", after.RuleName);
        Assert.True(after.Sampled);
    }

    [Fact]
    public async Task Updating_the_rule_changes_decisions_without_a_restart()
    {
        var (time, rules) = await NewRulesAsync();
        await rules.CreateSamplingRuleAsync(new CreateSamplingRuleRequest { SamplingRule = Rule("orders-rule", Function, 0, 0) });
        var sampler = new RuleBasedLambdaSampler(rules, time, new SamplerOptions { NextDouble = () => 0.5 });
        Assert.Equal(0, CountSampled(sampler, time, 10));

        await rules.UpdateSamplingRuleAsync(new UpdateSamplingRuleRequest
        {
            SamplingRuleUpdate = new SamplingRuleUpdate { RuleName = "orders-rule", FixedRate = 1.0 },
        });

        Assert.Equal(10, CountSampled(sampler, time, 10));
    }

    [Fact]
    public async Task Reservoir_quota_comes_from_the_service_targets_and_statistics_reach_the_service()
    {
        var (time, rules) = await NewRulesAsync();
        await rules.CreateSamplingRuleAsync(new CreateSamplingRuleRequest { SamplingRule = Rule("burst", Function, 0, 3) });
        var sampler = new RuleBasedLambdaSampler(rules, time, new SamplerOptions { NextDouble = () => 0.5 });

        // No quota yet: the rule borrows one request per second.
        var borrowed = sampler.Decide(Request(time));
        Assert.Equal(SamplerReason.Borrowed, borrowed.Reason);
        Assert.Equal(0, CountSampled(sampler, time, 10));

        // Ten seconds on, the next decision reports statistics and installs this client's quota: all 3 per second.
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, CountSampled(sampler, time, 10));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, CountSampled(sampler, time, 10));
        Assert.Equal(0, sampler.TargetFailures);

        var summaries = rules.GetSamplingStatisticSummaries().SamplingStatisticSummaries;
        var burst = Assert.Single(summaries!, s => s.RuleName == "burst");
        Assert.Equal(11, burst.RequestCount);
        Assert.Equal(1, burst.BorrowCount);
    }

    [Fact]
    public async Task Rules_for_another_service_type_do_not_match_lambda_invocations()
    {
        var (time, rules) = await NewRulesAsync();
        var rule = Rule("ec2-only", "*", 1.0, 0) with { ServiceType = "AWS::EC2::Instance" };
        await rules.CreateSamplingRuleAsync(new CreateSamplingRuleRequest { SamplingRule = rule });
        var lambdaRule = Rule("lambda-only", "*", 1.0, 0, priority: 2) with { ServiceType = "AWS::Lambda" };
        await rules.CreateSamplingRuleAsync(new CreateSamplingRuleRequest { SamplingRule = lambdaRule });
        var sampler = new RuleBasedLambdaSampler(rules, time, new SamplerOptions { NextDouble = () => 0.5 });

        Assert.Equal("lambda-only", sampler.Decide(Request(time)).RuleName);
    }
}
