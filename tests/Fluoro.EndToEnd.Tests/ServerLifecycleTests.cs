using System.Net;
using System.Text;
using System.Text.Json;
using Fluoro.Server;
using Fluoro.Testing;

namespace Fluoro.EndToEnd.Tests;

public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task Restart_OnTheSameDataDirectory_KeepsTraces()
    {
        var dir = TestPaths.NewScratchDirectory("fluoro-restart");
        try
        {
            var traceId = TraceIds.NewTraceId();
            var id = TraceIds.NewSegmentId();
            await using (var first = await FluoroTestServer.StartAsync(dir))
            {
                using var http = new HttpClient { BaseAddress = first.Server.HttpEndpoint };
                var doc = $$"""{"name":"restart","id":"{{id}}","trace_id":"{{traceId}}","start_time":{{TraceIds.Now(-1)}},"end_time":{{TraceIds.Now()}}}""";
                var body = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["TraceSegmentDocuments"] = [doc] });
                using var response = await http.PostAsync(new Uri("/TraceSegments", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")).DefaultTimeout();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);

                // A document still in the daemon's buffer at shutdown must be drained into the store.
                using var udp = new System.Net.Sockets.UdpClient();
                var udpDoc = $$"""{"name":"via-udp","id":"{{TraceIds.NewSegmentId()}}","trace_id":"{{traceId}}","start_time":{{TraceIds.Now(-1)}},"end_time":{{TraceIds.Now()}}}""";
                await udp.SendAsync(Encoding.UTF8.GetBytes("{\"format\":\"json\",\"version\":1}\n" + udpDoc), first.Server.DaemonUdpEndpoint);
                await WaitUntilAsync(() => first.Server.DaemonCounters.Received >= 1);
            }

            await using var second = await FluoroTestServer.StartAsync(dir);
            using var client = new HttpClient { BaseAddress = second.Server.HttpEndpoint };
            using var get = await client.PostAsync(
                new Uri("/Traces", UriKind.Relative),
                new StringContent($$"""{"TraceIds":["{{traceId}}"]}""", Encoding.UTF8, "application/json")).DefaultTimeout();
            var json = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
            var trace = Assert.Single(json.GetProperty("Traces").EnumerateArray());
            var names = trace.GetProperty("Segments").EnumerateArray()
                .Select(s => JsonDocument.Parse(s.GetProperty("Document").GetString()!).RootElement.GetProperty("name").GetString())
                .ToList();
            Assert.Contains("restart", names);
            Assert.Contains("via-udp", names);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Health_ReportsVersionStoreAndDaemonCounters()
    {
        await using var server = await FluoroTestServer.StartAsync();
        using var udp = new System.Net.Sockets.UdpClient();
        await udp.SendAsync("not a datagram"u8.ToArray(), server.Server.DaemonUdpEndpoint);
        await WaitUntilAsync(() => server.Server.DaemonCounters.Rejected >= 1);
        using var http = new HttpClient { BaseAddress = server.Server.HttpEndpoint };

        using var response = await http.GetAsync(new Uri("/_fluoro/health", UriKind.Relative)).DefaultTimeout();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FluoroServer.Version, json.GetProperty("version").GetString());
        Assert.Equal("duckdb", json.GetProperty("store").GetProperty("backend").GetString());
        var daemon = json.GetProperty("daemon");
        foreach (var counter in new[] { "received", "rejected", "dropped", "forwarded", "stored" })
        {
            Assert.True(daemon.TryGetProperty(counter, out _), counter);
        }

        Assert.True(daemon.GetProperty("rejected").GetInt64() >= 1);
        Assert.True(json.TryGetProperty("ingest", out _));
    }

    [Fact]
    public async Task NonLoopbackBinding_WithoutAuthKeys_RefusesToStart()
    {
        var dir = TestPaths.NewScratchDirectory("fluoro-refuse");
        try
        {
            var error = await Assert.ThrowsAsync<FluoroConfigurationException>(() => FluoroServer.StartAsync(new FluoroServerOptions
            {
                HttpEndpoint = new IPEndPoint(IPAddress.Any, 0),
                DaemonEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
                DataDirectory = dir,
            }));
            Assert.Contains("--auth-keys", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
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
