using System.Net;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests;

/// <summary>The Active/PassThrough decision table of lambda.md §6.2, case by case, with the segments sent.</summary>
public sealed class TracingTests
{
    private const string Root = "1-5759e988-bd862e3fe1be46a994272793";
    private const string Parent = "53995c3f42cd8ad8";

    private static async Task<(string RuntimeHeader, string RequestId)> InvokeEchoAsync(LambdaTestHost host, string name, string? header)
    {
        using var response = await host.InvokeAsync(name, "{}", header).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (doc.RootElement.GetProperty("trace").GetString()!, response.Headers.GetValues("x-amzn-RequestId").Single());
    }

    private static Dictionary<string, string> Fields(string header) =>
        header.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public async Task Active_without_header_samples_the_first_request_and_emits_both_segments()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("active", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "Active");

        var (header, requestId) = await InvokeEchoAsync(host, "active", null);

        var fields = Fields(header);
        Assert.Equal("1", fields["Sampled"]);
        var root = fields["Root"];
        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == root) >= 2);
        var service = docs.Single(d => d.GetProperty("origin").GetString() == "AWS::Lambda");
        var function = docs.Single(d => d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        Assert.Equal(root, service.GetProperty("trace_id").GetString());
        Assert.Equal("active", service.GetProperty("name").GetString());
        Assert.False(service.TryGetProperty("parent_id", out _));
        Assert.Equal(requestId, service.GetProperty("aws").GetProperty("request_id").GetString());
        Assert.Equal(200, service.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:active", service.GetProperty("resource_arn").GetString());
        Assert.Equal(service.GetProperty("id").GetString(), function.GetProperty("parent_id").GetString());
        Assert.Equal("000000000000", function.GetProperty("aws").GetProperty("account_id").GetString());
        Assert.Equal("active", function.GetProperty("aws").GetProperty("resource_names")[0].GetString());
        var names = function.GetProperty("subsegments").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Initialization", "Invocation", "Overhead"], names);
        var invocation = function.GetProperty("subsegments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Invocation");
        Assert.Equal(invocation.GetProperty("id").GetString(), fields["Parent"]);
        Assert.True(invocation.GetProperty("end_time").GetDouble() >= invocation.GetProperty("start_time").GetDouble());
        Assert.True(function.GetProperty("start_time").GetDouble() >= service.GetProperty("start_time").GetDouble());
    }

    [Fact]
    public async Task Warm_invocations_have_no_initialization_subsegment()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("warm", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "PassThrough");
        await InvokeEchoAsync(host, "warm", $"Root={Root};Parent={Parent};Sampled=1");
        const string SecondRoot = "1-5759e988-bd862e3fe1be46a994272794";

        await InvokeEchoAsync(host, "warm", $"Root={SecondRoot};Parent={Parent};Sampled=1");

        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == SecondRoot) >= 2);
        var function = docs.Single(d => d.GetProperty("trace_id").GetString() == SecondRoot && d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        var names = function.GetProperty("subsegments").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Invocation", "Overhead"], names);
    }

    [Fact]
    public async Task Active_with_upstream_sampled_keeps_root_links_parent_and_keeps_lineage()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("up", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "Active");

        var (header, _) = await InvokeEchoAsync(host, "up", $"Root={Root};Parent={Parent};Sampled=1;Lineage=a87bd80c:1");

        var fields = Fields(header);
        Assert.Equal(Root, fields["Root"]);
        Assert.Equal("1", fields["Sampled"]);
        Assert.Equal("a87bd80c:1", fields["Lineage"]);
        Assert.NotEqual(Parent, fields["Parent"]);
        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == Root) >= 2);
        var service = docs.Single(d => d.GetProperty("trace_id").GetString() == Root && d.GetProperty("origin").GetString() == "AWS::Lambda");
        Assert.Equal(Parent, service.GetProperty("parent_id").GetString());
    }

    [Theory]
    [InlineData("Active")]
    [InlineData("PassThrough")]
    public async Task Upstream_not_sampled_is_honoured_and_nothing_is_sent(string mode)
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("down", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: mode);

        var (header, _) = await InvokeEchoAsync(host, "down", $"Root={Root};Parent={Parent};Sampled=0");

        var fields = Fields(header);
        Assert.Equal(Root, fields["Root"]);
        Assert.Equal("0", fields["Sampled"]);
        await Task.Delay(300);
        Assert.Empty(host.Segments.ForTrace(Root));
    }

    [Fact]
    public async Task PassThrough_with_upstream_sampled_traces_the_invocation()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("pass", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "PassThrough");

        var (header, _) = await InvokeEchoAsync(host, "pass", $"Root={Root};Parent={Parent};Sampled=1");

        var fields = Fields(header);
        Assert.Equal("1", fields["Sampled"]);
        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == Root) >= 2);
        Assert.Equal(2, docs.Count(d => d.GetProperty("trace_id").GetString() == Root));
        var function = docs.Single(d => d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        var invocation = function.GetProperty("subsegments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Invocation");
        Assert.Equal(fields["Parent"], invocation.GetProperty("id").GetString());
    }

    [Fact]
    public async Task PassThrough_without_header_is_not_traced_but_gets_a_root()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("quiet", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "PassThrough");

        var (header, _) = await InvokeEchoAsync(host, "quiet", null);

        var fields = Fields(header);
        Assert.Matches("^1-[0-9a-f]{8}-[0-9a-f]{24}$", fields["Root"]);
        Assert.Equal("0", fields["Sampled"]);
        await Task.Delay(300);
        Assert.Empty(host.Segments.ForTrace(fields["Root"]));
    }

    [Fact]
    public async Task Active_without_decision_samples_one_per_second_then_a_few()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("rate", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "Active");

        var sampled = 0;
        for (var i = 0; i < 12; i++)
        {
            var (header, _) = await InvokeEchoAsync(host, "rate", $"Root=1-5759e988-bd862e3fe1be46a9942727{i:00}");
            sampled += Fields(header)["Sampled"] == "1" ? 1 : 0;
        }

        Assert.InRange(sampled, 1, 8);
    }

    [Fact]
    public async Task Function_error_marks_the_function_segment_with_fault_and_cause()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("faulty", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "Active");

        using var response = await host.InvokeAsync("faulty", """{"fail":true}""", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();

        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == Root) >= 2);
        var function = docs.Single(d => d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        Assert.True(function.GetProperty("fault").GetBoolean());
        var exception = function.GetProperty("cause").GetProperty("exceptions")[0];
        Assert.Equal("asked to fail", exception.GetProperty("message").GetString());
        var service = docs.Single(d => d.GetProperty("origin").GetString() == "AWS::Lambda");
        Assert.Equal(200, service.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Timeout_is_a_fault_with_the_timeout_message()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("late", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "Active", timeout: 1);

        using var response = await host.InvokeAsync("late", """{"sleep":3}""", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();

        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == Root) >= 2);
        var function = docs.Single(d => d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        Assert.True(function.GetProperty("fault").GetBoolean());
        Assert.Contains("Task timed out after", function.GetProperty("cause").GetProperty("exceptions")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_invocation_is_202_retried_twice_and_traced_per_attempt()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("async", "provided.al2023", "unused", TestFunctions.BashEchoZip(), tracing: "Active");

        using var response = await host.InvokeAsync("async", """{"fail":true}""", $"Root={Root};Parent={Parent};Sampled=1", invocationType: "Event").DefaultTimeout();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var docs = await host.Segments.WaitForAsync(d =>
            d.Any(x => x.GetProperty("trace_id").GetString() == Root && x.GetProperty("origin").GetString() == "AWS::Lambda")
            && d.Count(x => x.GetProperty("trace_id").GetString() == Root && x.GetProperty("origin").GetString() == "AWS::Lambda::Function") >= 3);
        var service = docs.Single(d => d.GetProperty("trace_id").GetString() == Root && d.GetProperty("origin").GetString() == "AWS::Lambda");
        var subsegments = service.GetProperty("subsegments").EnumerateArray().ToList();
        Assert.Equal(["Dwell Time", "Attempt #1", "Attempt #2", "Attempt #3"], subsegments.Select(s => s.GetProperty("name").GetString()));
        var functions = docs.Where(d => d.GetProperty("trace_id").GetString() == Root && d.GetProperty("origin").GetString() == "AWS::Lambda::Function").ToList();
        Assert.Equal(3, functions.Count);
        Assert.Equal(
            subsegments.Skip(1).Select(s => s.GetProperty("id").GetString()).Order(),
            functions.Select(f => f.GetProperty("parent_id").GetString()).Order());
        Assert.Equal(202, service.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
    }
}
