using System.Text.Json;
using Fluoro.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Fluoro.Lambda.Tests.Events;

/// <summary>
/// The real AWS CLI v2 against EnableRule/DisableRule, PutEvents with event-pattern rules that invoke Lambda targets,
/// TestEventPattern, and the event bus name (only the default bus exists).
/// </summary>
public sealed class EventPatternCliTests
{
    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 28, 14, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };

    [Fact]
    public async Task A_disabled_schedule_does_not_fire_and_fires_again_once_enabled()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        await using var host = await ScheduleHost.StartAsync(NewClock());
        var dir = TestPaths.NewScratchDirectory("fluoro-events-state");
        var arn = await host.CreateRecorderAsync("tick", "PassThrough");
        Assert.Equal(0, (await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "every-minute", "--schedule-expression", "rate(1 minute)")).ExitCode);
        Assert.Equal(0, (await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-targets", "--rule", "every-minute", "--targets", "Id=t,Arn=" + arn)).ExitCode);

        var disable = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "disable-rule", "--name", "every-minute");
        Assert.True(disable.ExitCode == 0, disable.Stderr);
        Assert.Equal("DISABLED", await StateAsync(host, dir, "every-minute"));
        var listed = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "list-rules");
        using (var doc = JsonDocument.Parse(listed.Stdout))
        {
            Assert.Equal("DISABLED", Assert.Single(doc.RootElement.GetProperty("Rules").EnumerateArray()).GetProperty("State").GetString());
        }

        host.AdvanceAndTick(TimeSpan.FromMinutes(3));
        Assert.Equal(0, host.Rules.Fired);

        var enable = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "enable-rule", "--name", "every-minute", "--event-bus-name", "default");
        Assert.True(enable.ExitCode == 0, enable.Stderr);
        Assert.Equal("ENABLED", await StateAsync(host, dir, "every-minute"));
        host.AdvanceAndTick(TimeSpan.FromSeconds(59));
        Assert.Equal(0, host.Rules.Fired);
        host.AdvanceAndTick(TimeSpan.FromSeconds(1));
        Assert.Equal(1, host.Rules.Fired);
        var scheduled = Assert.Single(await host.WaitForEventsAsync("tick", 1));
        Assert.Equal("Scheduled Event", scheduled.GetProperty("detail-type").GetString());

        var missing = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "enable-rule", "--name", "nope");
        AssertCliError(missing, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Put_events_invokes_the_targets_of_matching_pattern_rules_on_the_default_bus()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        await using var host = await ScheduleHost.StartAsync(NewClock());
        var dir = TestPaths.NewScratchDirectory("fluoro-events-pattern");
        var big = await host.CreateRecorderAsync("big-orders", "PassThrough");
        var all = await host.CreateRecorderAsync("all-orders", "PassThrough");
        const string BigPattern = """{"source":["shop.orders"],"detail-type":[{"prefix":"Order "}],"detail":{"total":[{"numeric":[">",100]}],"status":[{"anything-but":["test","cancelled"]}],"coupon":[{"exists":false}]}}""";
        var put = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "big", "--event-pattern", BigPattern);
        Assert.True(put.ExitCode == 0, put.Stderr);
        Assert.Equal(0, (await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "all", "--event-pattern", """{"source":["shop.orders"]}""", "--event-bus-name", "default")).ExitCode);
        Assert.Equal(0, (await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-targets", "--rule", "big", "--targets", "Id=b,Arn=" + big)).ExitCode);
        Assert.Equal(0, (await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-targets", "--rule", "all", "--targets", "Id=a,Arn=" + all)).ExitCode);

        static string Entry(string detailType, string detail, string? bus = null) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Source"] = "shop.orders",
            ["DetailType"] = detailType,
            ["Detail"] = detail,
            ["Resources"] = new[] { "arn:aws:shop:order/1" },
            ["EventBusName"] = bus ?? "default",
        });
        var entries = "[" + string.Join(",",
            Entry("Order Placed", """{"id":1,"total":250,"status":"new"}"""),
            Entry("Order Placed", """{"id":2,"total":50,"status":"new"}"""),
            Entry("Order Placed", """{"id":3,"total":500,"status":"cancelled"}"""),
            Entry("Order Placed", """{"id":4,"total":900,"status":"new","coupon":"X"}"""),
            Entry("Refund Issued", """{"id":5,"total":300,"status":"new"}"""),
            Entry("Order Placed", """{"id":6,"total":999,"status":"new"}""", "other-bus"),
            Entry("Order Placed", "not json")) + "]";
        var sent = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-events", "--entries", entries);

        Assert.True(sent.ExitCode == 0, sent.Stderr);
        using (var doc = JsonDocument.Parse(sent.Stdout))
        {
            Assert.Equal(2, doc.RootElement.GetProperty("FailedEntryCount").GetInt32());
            var results = doc.RootElement.GetProperty("Entries").EnumerateArray().ToList();
            Assert.Equal(7, results.Count);
            Assert.All(results.Take(5), r => Assert.Matches("^[0-9a-f-]{36}$", r.GetProperty("EventId").GetString()));
            Assert.Equal("ResourceNotFoundException", results[5].GetProperty("ErrorCode").GetString());
            Assert.Equal("MalformedDetail", results[6].GetProperty("ErrorCode").GetString());
        }

        var allEvents = await host.WaitForEventsAsync("all-orders", 5);
        Assert.Equal([1, 2, 3, 4, 5], allEvents.Select(e => e.GetProperty("detail").GetProperty("id").GetInt32()).Order());
        var bigEvent = Assert.Single(await host.WaitForEventsAsync("big-orders", 1));
        Assert.Equal(1, bigEvent.GetProperty("detail").GetProperty("id").GetInt32());
        Assert.Equal("Order Placed", bigEvent.GetProperty("detail-type").GetString());
        Assert.Equal("shop.orders", bigEvent.GetProperty("source").GetString());
        Assert.Equal("arn:aws:shop:order/1", Assert.Single(bigEvent.GetProperty("resources").EnumerateArray()).GetString());
        Assert.Equal("000000000000", bigEvent.GetProperty("account").GetString());

        // A disabled pattern rule is skipped; the other bus does not exist for rules either.
        Assert.Equal(0, (await AwsCli.RunAsync(host.BaseUrl, dir, "events", "disable-rule", "--name", "all")).ExitCode);
        Assert.Equal(0, (await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-events", "--entries", "[" + Entry("Order Placed", """{"id":7,"total":101,"status":"new"}""") + "]")).ExitCode);
        Assert.Equal(2, (await host.WaitForEventsAsync("big-orders", 2)).Count);
        await Task.Delay(300);
        Assert.Equal(5, (await host.WaitForEventsAsync("all-orders", 5)).Count);
        var otherBus = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "x", "--event-pattern", """{"source":["a"]}""", "--event-bus-name", "other-bus");
        AssertCliError(otherBus, "ResourceNotFoundException");
        var badPattern = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "x", "--event-pattern", """{"source":"not-an-array"}""");
        AssertCliError(badPattern, "InvalidEventPatternException");
    }

    [Fact]
    public async Task Test_event_pattern_answers_through_the_cli()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        await using var host = await ScheduleHost.StartAsync(NewClock());
        var dir = TestPaths.NewScratchDirectory("fluoro-events-test");
        const string Event = """{"id":"1","source":"shop.orders","detail-type":"Order Placed","account":"000000000000","time":"2026-11-28T14:00:00Z","region":"us-east-1","resources":[],"detail":{"total":250}}""";

        var yes = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "test-event-pattern", "--event-pattern", """{"detail":{"total":[{"numeric":[">=",250,"<",300]}]}}""", "--event", Event);
        var no = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "test-event-pattern", "--event-pattern", """{"source":[{"prefix":"billing."}]}""", "--event", Event);

        Assert.True(yes.ExitCode == 0, yes.Stderr);
        Assert.Contains("\"Result\": true", yes.Stdout, StringComparison.Ordinal);
        Assert.True(no.ExitCode == 0, no.Stderr);
        Assert.Contains("\"Result\": false", no.Stdout, StringComparison.Ordinal);
    }

    private static void AssertCliError((int ExitCode, string Stdout, string Stderr) result, string errorCode)
    {
        Assert.Equal(254, result.ExitCode);
        Assert.Contains($"({errorCode})", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string?> StateAsync(ScheduleHost host, string dir, string rule)
    {
        var describe = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "describe-rule", "--name", rule);
        Assert.True(describe.ExitCode == 0, describe.Stderr);
        using var doc = JsonDocument.Parse(describe.Stdout);
        return doc.RootElement.GetProperty("State").GetString();
    }
}
