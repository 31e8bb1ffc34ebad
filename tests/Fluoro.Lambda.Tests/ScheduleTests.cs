using System.Net;
using System.Text.Json;
using Fluoro.Lambda.Events;
using Fluoro.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Fluoro.Lambda.Tests;

public sealed class ScheduleTests
{
    [Fact]
    public async Task Cli_manages_rules_and_a_due_schedule_invokes_its_function_with_a_scheduled_event()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        time.AutoAdvanceAmount = TimeSpan.Zero;
        await using var host = await LambdaTestHost.StartAsync(time: time);
        const string Code = "export const handler = async (event) => { console.log('got', event['detail-type'], event.source); return 1; };";
        await host.CreateAsync("tick", "nodejs22.x", "index.handler", TestFunctions.Zip(("index.mjs", Code)), tracing: "Active");
        var dir = TestPaths.NewScratchDirectory("fluoro-events");

        var put = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "every-minute", "--schedule-expression", "rate(1 minute)");
        Assert.True(put.ExitCode == 0, put.Stderr);
        Assert.Contains("arn:aws:events:us-east-1:000000000000:rule/every-minute", put.Stdout, StringComparison.Ordinal);
        var targets = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-targets", "--rule", "every-minute",
            "--targets", "Id=1,Arn=arn:aws:lambda:us-east-1:000000000000:function:tick");
        Assert.True(targets.ExitCode == 0, targets.Stderr);
        Assert.Contains("\"FailedEntryCount\": 0", targets.Stdout, StringComparison.Ordinal);
        var bad = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "bad", "--schedule-expression", "cron(0 12 * * ? )");
        Assert.Equal(254, bad.ExitCode);
        Assert.Contains("(ValidationException)", bad.Stderr, StringComparison.Ordinal);
        var list = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "list-rules");
        Assert.Contains("rate(1 minute)", list.Stdout, StringComparison.Ordinal);
        var describe = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "describe-rule", "--name", "every-minute");
        Assert.Contains("\"State\": \"ENABLED\"", describe.Stdout, StringComparison.Ordinal);

        var rules = host.Services.GetRequiredService<EventRules>();
        rules.Tick();
        time.Advance(TimeSpan.FromSeconds(61));
        rules.Tick();

        string log = "";
        for (var i = 0; i < 100 && !log.Contains("Scheduled Event", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            using var response = await host.Http.GetAsync("/_fluoro/lambda/functions/tick/logs");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            log = string.Concat(doc.RootElement.GetProperty("Invocations").EnumerateArray().Select(e => e.GetProperty("Log").GetString()));
        }

        Assert.Contains("got Scheduled Event aws.events", log, StringComparison.Ordinal);
        var removed = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "remove-targets", "--rule", "every-minute", "--ids", "1");
        Assert.True(removed.ExitCode == 0, removed.Stderr);
        var deleted = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "delete-rule", "--name", "every-minute");
        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
    }

    [Theory]
    [InlineData("rate(5 minutes)", true)]
    [InlineData("rate(1 minute)", true)]
    [InlineData("rate(1 minutes)", false)]
    [InlineData("cron(0 12 * * ? *)", true)]
    [InlineData("cron(15 10 ? * 2-6 *)", true)]
    [InlineData("cron(0 12 * *)", false)]
    [InlineData("every day", false)]
    public void Schedule_expressions_parse_like_eventbridge(string expression, bool valid)
    {
        Assert.Equal(valid, Schedule.TryParse(expression, out _, out _));
    }

    [Fact]
    public void Cron_weekdays_count_from_sunday_as_one()
    {
        Assert.True(Schedule.TryParse("cron(0 9 ? * 2 *)", out var schedule, out _));
        var saturday = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        var next = schedule!.Next(saturday, saturday);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), next);
    }
}
