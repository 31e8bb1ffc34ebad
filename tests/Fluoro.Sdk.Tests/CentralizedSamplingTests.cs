using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fluoro.Sampling;
using Fluoro.Testing;

namespace Fluoro.Sdk.Tests;

// Centralized sampling against a real Fluoro daemon's TCP endpoint (GetSamplingRules / SamplingTargets).
[Collection(nameof(TracerTests))]
public sealed class CentralizedSamplingTests
{
    private static readonly ActivitySource Server = new("test.sampling");

    private static bool SampledRequest(string path)
    {
        KeyValuePair<string, object?>[] tags = [new("url.path", path), new("http.request.method", "GET"), new("server.address", "shop.local")];
        using var activity = Server.StartActivity("request", ActivityKind.Server, default(ActivityContext), tags);
        return activity is { Recorded: true };
    }

    [Fact]
    public async Task Tracer_applies_the_daemons_rules_by_priority_with_wildcards()
    {
        await using var fluoro = await SdkTestServer.StartAsync();
        await fluoro.CreateRuleAsync("checkout", 1, "/checkout/*", reservoir: 0, rate: 1.0);
        await fluoro.CreateRuleAsync("health", 2, "/health", reservoir: 0, rate: 0.0);
        // A lower-priority catch-all that would sample everything if priority were ignored.
        await fluoro.CreateRuleAsync("everything", 3, "*", reservoir: 0, rate: 1.0);

        await using var tracer = FluoroTracing.Start(new FluoroTracingOptions
        {
            ServiceName = "shop",
            Daemon = fluoro.Daemon,
            LambdaMode = false,
            LocalSamplingRules = LocalSamplingRules.Parse("""{"version":2,"default":{"fixed_target":0,"rate":0}}"""),
        });
        var sampler = Assert.IsType<CentralizedSampler>(tracer.Sampler);
        await WaitUntilAsync(() => sampler.Rules.HasCentralizedRules);
        Assert.Equal(["checkout", "health", "everything", "Default"], sampler.Rules.RuleNames);

        Assert.All(Enumerable.Range(0, 50), i => Assert.True(SampledRequest($"/checkout/{i}")));
        Assert.All(Enumerable.Range(0, 50), _ => Assert.False(SampledRequest("/health")));
        Assert.True(SampledRequest("/catalog"));
        Assert.Equal(0, sampler.PollFailures);
    }

    [Fact]
    public async Task Statistics_reach_the_daemon_and_targets_come_back()
    {
        await using var fluoro = await SdkTestServer.StartAsync();
        await fluoro.CreateRuleAsync("orders", 1, "/orders*", reservoir: 5, rate: 0.0);
        await using var sampler = new CentralizedSampler(fluoro.Daemon, pollerOptions: new SamplingPollerOptions
        {
            TargetsInterval = TimeSpan.Zero,
            TargetsJitter = TimeSpan.Zero,
        });
        await sampler.PollOnceAsync().DefaultTimeout();
        Assert.True(sampler.Rules.HasCentralizedRules);

        // No quota yet: the rule borrows one request per second, the rest fall to its fixed rate (0).
        var request = new SamplingRequest("orders-api", null, "shop.local", "GET", "/orders/1");
        var sampled = Enumerable.Range(0, 20).Count(_ => sampler.ShouldSample(request));
        Assert.InRange(sampled, 1, 2);

        await sampler.PollOnceAsync().DefaultTimeout();
        Assert.Equal(0, sampler.PollFailures);
        var summary = fluoro.SamplingRules.GetSamplingStatisticSummaries().SamplingStatisticSummaries.Single(s => s.RuleName == "orders");
        Assert.Equal(20, summary.RequestCount);
        Assert.Equal(sampled, summary.SampledCount);
        Assert.Equal(sampled, summary.BorrowCount);

        // The answer carried a quota: the reservoir now takes up to it each second instead of borrowing.
        var afterTarget = Enumerable.Range(0, 20).Count(_ => sampler.ShouldSample(request));
        Assert.InRange(afterTarget, 1, 10);
    }

    [Fact]
    public async Task Without_a_daemon_the_local_rules_decide_and_failures_are_counted()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var closed = new IPEndPoint(IPAddress.Loopback, port);
        var local = LocalSamplingRules.Parse("""
            {"version":2,"rules":[{"description":"no health checks","host":"*","http_method":"*","url_path":"/health","fixed_target":0,"rate":0}],
             "default":{"fixed_target":0,"rate":1}}
            """);
        await using var sampler = new CentralizedSampler(new DaemonAddress(closed, closed), local);
        await sampler.PollOnceAsync().DefaultTimeout();

        Assert.True(sampler.PollFailures >= 1);
        Assert.False(sampler.Rules.HasCentralizedRules);
        Assert.False(sampler.ShouldSample(new SamplingRequest("svc", null, null, "GET", "/health")));
        Assert.True(sampler.ShouldSample(new SamplingRequest("svc", null, null, "GET", "/orders")));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
