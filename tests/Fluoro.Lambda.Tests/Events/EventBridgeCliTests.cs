using System.Text.Json;
using Fluoro.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Fluoro.Lambda.Tests.Events;

/// <summary>The real AWS CLI v2 against the EventBridge subset: shapes it parses and errors it reports.</summary>
public sealed class EventBridgeCliTests
{
    [Fact]
    public async Task Cli_describes_lists_targets_and_reports_eventbridge_errors()
    {
        Assert.SkipUnless(File.Exists(AwsCli.Path), "AWS CLI v2 is not installed at /usr/bin/aws");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 14, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        await using var host = await ScheduleHost.StartAsync(time);
        var dir = TestPaths.NewScratchDirectory("fluoro-events-cli");
        const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:nightly-job";

        var put = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "nightly",
            "--schedule-expression", "cron(30 2 ? * MON-FRI *)", "--state", "DISABLED", "--description", "weekday job");
        Assert.True(put.ExitCode == 0, put.Stderr);
        var targets = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-targets", "--rule", "nightly",
            "--targets", $$"""[{"Id":"job","Arn":"{{FunctionArn}}","Input":"{\"mode\":\"full\"}"}]""");
        Assert.True(targets.ExitCode == 0, targets.Stderr);

        var describe = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "describe-rule", "--name", "nightly");
        Assert.True(describe.ExitCode == 0, describe.Stderr);
        using (var rule = JsonDocument.Parse(describe.Stdout))
        {
            Assert.Equal("arn:aws:events:us-east-1:000000000000:rule/nightly", rule.RootElement.GetProperty("Arn").GetString());
            Assert.Equal("cron(30 2 ? * MON-FRI *)", rule.RootElement.GetProperty("ScheduleExpression").GetString());
            Assert.Equal("DISABLED", rule.RootElement.GetProperty("State").GetString());
            Assert.Equal("weekday job", rule.RootElement.GetProperty("Description").GetString());
            Assert.Equal("default", rule.RootElement.GetProperty("EventBusName").GetString());
        }

        var listed = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "list-targets-by-rule", "--rule", "nightly");
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        using (var doc = JsonDocument.Parse(listed.Stdout))
        {
            var target = Assert.Single(doc.RootElement.GetProperty("Targets").EnumerateArray());
            Assert.Equal(FunctionArn, target.GetProperty("Arn").GetString());
            Assert.Equal("""{"mode":"full"}""", target.GetProperty("Input").GetString());
        }

        var rules = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "list-rules", "--name-prefix", "night");
        Assert.True(rules.ExitCode == 0, rules.Stderr);
        using (var doc = JsonDocument.Parse(rules.Stdout))
        {
            Assert.Equal("nightly", Assert.Single(doc.RootElement.GetProperty("Rules").EnumerateArray()).GetProperty("Name").GetString());
        }

        var missing = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-targets", "--rule", "nope", "--targets", "Id=1,Arn=" + FunctionArn);
        Assert.Equal(254, missing.ExitCode);
        Assert.Contains("(ResourceNotFoundException)", missing.Stderr, StringComparison.Ordinal);

        var invalid = await AwsCli.RunAsync(host.BaseUrl, dir, "events", "put-rule", "--name", "bad", "--schedule-expression", "cron(0 12 ? * 2#1)");
        Assert.Equal(254, invalid.ExitCode);
        Assert.Contains("(ValidationException)", invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("Parameter ScheduleExpression is not valid.", invalid.Stderr, StringComparison.Ordinal);
    }
}
