using System.Globalization;
using System.Net;
using System.Text.Json;
using Fluoro.Lambda.Tracing;
using Fluoro.Sampling;
using Microsoft.Extensions.Time.Testing;

namespace Fluoro.Lambda.Tests.Events;

/// <summary>
/// Schedules end to end on a real host with a fake clock: when a rule fires, what the function receives, and
/// whether an Active function's scheduled invocation is traced as the X-Ray sampling rules say.
/// </summary>
public sealed class ScheduledInvocationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);

    private static FakeTimeProvider NewClock() => new(Start) { AutoAdvanceAmount = TimeSpan.Zero };

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static SamplingRule Rule(string name, string serviceName, double fixedRate) => new()
    {
        RuleName = name,
        ResourceArn = "*",
        Priority = 1,
        FixedRate = fixedRate,
        ReservoirSize = 0,
        ServiceName = serviceName,
        ServiceType = "*",
        Host = "*",
        HttpMethod = "*",
        UrlPath = "*",
        Version = 1,
    };

    private static int ServiceSegments(ScheduleHost host, string function) =>
        host.Segments.Documents.Count(d => d.GetProperty("origin").GetString() == "AWS::Lambda" && d.GetProperty("name").GetString() == function);

    [Fact]
    public async Task A_rate_rule_first_fires_one_period_after_put_rule_with_the_scheduled_event_then_keeps_its_phase()
    {
        var time = NewClock();
        await using var host = await ScheduleHost.StartAsync(time);
        var arn = await host.CreateRecorderAsync("tick", "PassThrough");
        host.AdvanceAndTick(TimeSpan.FromSeconds(30));

        var put = await host.EventsAsync("PutRule", """{"Name":"every-minute","ScheduleExpression":"rate(1 minute)"}""");
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var ruleArn = put.Body.GetProperty("RuleArn").GetString();
        Assert.Equal("arn:aws:events:us-east-1:000000000000:rule/every-minute", ruleArn);
        var targets = await host.EventsAsync("PutTargets", $$"""{"Rule":"every-minute","Targets":[{"Id":"t1","Arn":"{{arn}}"}]}""");
        Assert.Equal(0, targets.Body.GetProperty("FailedEntryCount").GetInt32());
        var created = time.GetUtcNow();

        host.AdvanceAndTick(TimeSpan.FromSeconds(59));
        host.AdvanceAndTick(TimeSpan.FromSeconds(1));
        var events = await host.WaitForEventsAsync("tick", 1);
        var scheduled = Assert.Single(events);
        Assert.Equal("0", scheduled.GetProperty("version").GetString());
        Assert.True(Guid.TryParse(scheduled.GetProperty("id").GetString(), out _));
        Assert.Equal("Scheduled Event", scheduled.GetProperty("detail-type").GetString());
        Assert.Equal("aws.events", scheduled.GetProperty("source").GetString());
        Assert.Equal("000000000000", scheduled.GetProperty("account").GetString());
        Assert.Equal("us-east-1", scheduled.GetProperty("region").GetString());
        Assert.Equal(Iso(created.AddMinutes(1)), scheduled.GetProperty("time").GetString());
        Assert.Equal(ruleArn, Assert.Single(scheduled.GetProperty("resources").EnumerateArray()).GetString());
        Assert.Equal(JsonValueKind.Object, scheduled.GetProperty("detail").ValueKind);
        Assert.Empty(scheduled.GetProperty("detail").EnumerateObject());

        // Half a period later nothing is due; the next firing keeps the phase PutRule gave the rate.
        host.AdvanceAndTick(TimeSpan.FromSeconds(30));
        host.AdvanceAndTick(TimeSpan.FromSeconds(30));
        events = await host.WaitForEventsAsync("tick", 2);
        Assert.Equal(Iso(created.AddMinutes(2)), events[1].GetProperty("time").GetString());

        // PassThrough does not trace an invocation that arrives without a header.
        await Task.Delay(300);
        Assert.Equal(0, ServiceSegments(host, "tick"));
    }

    [Fact]
    public async Task A_disabled_rule_does_not_fire_and_a_deleted_rule_is_gone()
    {
        var time = NewClock();
        await using var host = await ScheduleHost.StartAsync(time);
        var arn = await host.CreateRecorderAsync("idle", "PassThrough");
        await host.EventsAsync("PutRule", """{"Name":"off","ScheduleExpression":"rate(1 minute)","State":"DISABLED"}""");
        await host.EventsAsync("PutTargets", $$"""{"Rule":"off","Targets":[{"Id":"t","Arn":"{{arn}}"}]}""");

        for (var i = 0; i < 3; i++)
        {
            host.AdvanceAndTick(TimeSpan.FromMinutes(1));
        }

        var described = await host.EventsAsync("DescribeRule", """{"Name":"off"}""");
        Assert.Equal("DISABLED", described.Body.GetProperty("State").GetString());

        var refused = await host.EventsAsync("DeleteRule", """{"Name":"off"}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("ValidationException", refused.ErrorType);
        await host.EventsAsync("RemoveTargets", """{"Rule":"off","Ids":["t"]}""");
        var deleted = await host.EventsAsync("DeleteRule", """{"Name":"off"}""");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);

        var missing = await host.EventsAsync("DescribeRule", """{"Name":"off"}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
        Assert.Equal("ResourceNotFoundException", missing.Body.GetProperty("__type").GetString());
        Assert.False(File.Exists(host.EventsFile("idle")));
    }

    [Fact]
    public async Task Invalid_schedule_expressions_get_eventbridge_validation_errors()
    {
        await using var host = await ScheduleHost.StartAsync(NewClock());
        foreach (var expression in new[] { "rate(1 minutes)", "rate(0 minutes)", "cron(0 12 * * * *)", "cron(0 12 * *)", "hourly" })
        {
            var response = await host.EventsAsync("PutRule", $$"""{"Name":"bad","ScheduleExpression":"{{expression}}"}""");
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("ValidationException", response.ErrorType);
            Assert.Equal("Parameter ScheduleExpression is not valid.", response.Body.GetProperty("message").GetString());
        }

        var rules = await host.EventsAsync("ListRules", "{}");
        Assert.Empty(rules.Body.GetProperty("Rules").EnumerateArray());
    }

    [Fact]
    public async Task Rules_and_targets_survive_a_restart()
    {
        var directory = Fluoro.Testing.TestPaths.NewScratchDirectory("fluoro-schedules");
        await using (var first = await ScheduleHost.StartAsync(NewClock(), directory: directory))
        {
            var arn = await first.CreateRecorderAsync("kept", "PassThrough");
            await first.EventsAsync("PutRule", """{"Name":"nightly","ScheduleExpression":"cron(0 2 * * ? *)","Description":"backup"}""");
            await first.EventsAsync("PutTargets", $$"""{"Rule":"nightly","Targets":[{"Id":"b","Arn":"{{arn}}","Input":"{\"job\":\"backup\"}"}]}""");
        }

        await using var second = await ScheduleHost.StartAsync(NewClock(), directory: directory);
        var rule = await second.EventsAsync("DescribeRule", """{"Name":"nightly"}""");
        Assert.Equal("cron(0 2 * * ? *)", rule.Body.GetProperty("ScheduleExpression").GetString());
        Assert.Equal("backup", rule.Body.GetProperty("Description").GetString());
        var targets = await second.EventsAsync("ListTargetsByRule", """{"Rule":"nightly"}""");
        var target = Assert.Single(targets.Body.GetProperty("Targets").EnumerateArray());
        Assert.Equal("""{"job":"backup"}""", target.GetProperty("Input").GetString());

        // 14:00 now; the first tick learns the next 02:00, and the one after it fires with the target's Input.
        second.Rules.Tick();
        second.AdvanceAndTick(TimeSpan.FromHours(12));
        var events = await second.WaitForEventsAsync("kept", 1);
        Assert.Equal("backup", Assert.Single(events).GetProperty("job").GetString());
    }

    [Fact]
    public async Task Scheduled_invocations_of_an_Active_function_are_traced_as_the_sampling_rules_say()
    {
        var time = NewClock();
        var samplingRules = await SamplingRuleService.CreateAsync(new InMemorySamplingRuleRepository(), time);
        await samplingRules.CreateSamplingRuleAsync(new CreateSamplingRuleRequest { SamplingRule = Rule("never-report", "report", 0) });
        await using var host = await ScheduleHost.StartAsync(time, clock => new RuleBasedLambdaSampler(samplingRules, clock));
        var arn = await host.CreateRecorderAsync("report", "Active");
        await host.EventsAsync("PutRule", """{"Name":"reports","ScheduleExpression":"rate(5 minutes)"}""");
        await host.EventsAsync("PutTargets", $$"""{"Rule":"reports","Targets":[{"Id":"r","Arn":"{{arn}}"}]}""");

        // The rule says never: the invocation runs untraced.
        host.AdvanceAndTick(TimeSpan.FromMinutes(5));
        await host.WaitForEventsAsync("report", 1);
        await Task.Delay(500);
        Assert.Equal(0, ServiceSegments(host, "report"));

        // Changed to always (as `aws xray update-sampling-rule` would): the next scheduled invocation is traced, with
        // the asynchronous invoke's Dwell Time and Attempt subsegments.
        await samplingRules.UpdateSamplingRuleAsync(new UpdateSamplingRuleRequest
        {
            SamplingRuleUpdate = new SamplingRuleUpdate { RuleName = "never-report", FixedRate = 1.0 },
        });
        host.AdvanceAndTick(TimeSpan.FromMinutes(5));
        await host.WaitForEventsAsync("report", 2);
        var docs = await host.Segments.WaitForAsync(d => d.Any(x => x.GetProperty("origin").GetString() == "AWS::Lambda"));
        var service = Assert.Single(docs, d => d.GetProperty("origin").GetString() == "AWS::Lambda");
        Assert.Equal("report", service.GetProperty("name").GetString());
        Assert.False(service.TryGetProperty("parent_id", out _));
        var names = service.GetProperty("subsegments").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Dwell Time", "Attempt #1"], names);
        var function = (await host.Segments.WaitForAsync(d => d.Any(x => x.GetProperty("origin").GetString() == "AWS::Lambda::Function")))
            .Single(d => d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        Assert.Equal(service.GetProperty("trace_id").GetString(), function.GetProperty("trace_id").GetString());
    }
}
