using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Fluoro.Api.Sampling;
using Fluoro.Testing;

namespace Fluoro.Daemon.Tests;

public sealed class XRayDaemonTests : IAsyncLifetime
{
    private const string Header = "{\"format\":\"json\",\"version\":1}\n";
    private readonly RecordingIngest _ingest = new();
    private readonly HttpClient _http = new();
    private XRayDaemon _daemon = null!;

    public async ValueTask InitializeAsync()
    {
        _daemon = await XRayDaemon.StartAsync(
            new DaemonOptions
            {
                UdpEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
                FlushInterval = TimeSpan.FromMilliseconds(50),
            },
            _ingest,
            new DefaultSamplingApi(TimeProvider.System)).DefaultTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public void UdpAndTcp_ShareOnePort_WhenPortZeroIsRequested()
    {
        Assert.NotEqual(0, _daemon.UdpEndpoint.Port);
        Assert.Equal(_daemon.UdpEndpoint, _daemon.TcpEndpoint);
        Assert.Equal($"127.0.0.1:{_daemon.UdpEndpoint.Port}", _daemon.DaemonAddress);
    }

    [Fact]
    public async Task Udp_ValidDatagrams_ReachTheIngestService_AndBadOnesAreCounted()
    {
        using var udp = new UdpClient();
        udp.Connect(_daemon.UdpEndpoint);
        var doc = """{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","id":"53995c3f42cd8ad8","name":"svc","start_time":1,"end_time":2}""";
        await udp.SendAsync(Encoding.UTF8.GetBytes(Header + doc));
        await udp.SendAsync(Encoding.UTF8.GetBytes("{\"format\": \"JSON\", \"version\": 1}\n{\"id\":\"2\"}"));
        await udp.SendAsync(Encoding.UTF8.GetBytes("no header at all"));
        await udp.SendAsync(Encoding.UTF8.GetBytes("{\"format\":\"json\",\"version\":9}\n{}"));
        await udp.SendAsync(Encoding.UTF8.GetBytes(Header));

        await _ingest.WaitForDocumentsAsync(2);
        await WaitUntilAsync(() => _daemon.Counters.Received == 5 && _daemon.Counters.Stored == 2);

        Assert.Contains(doc, _ingest.Documents);
        Assert.Contains("{\"id\":\"2\"}", _ingest.Documents);
        Assert.Equal(3, _daemon.Counters.Rejected);
        Assert.Equal(0, _daemon.Counters.Dropped);
    }

    [Fact]
    public async Task Udp_ManyDatagrams_AreAllAccountedFor()
    {
        using var udp = new UdpClient();
        udp.Connect(_daemon.UdpEndpoint);
        const int count = 2000;
        for (var i = 0; i < count; i++)
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes(Header + $"{{\"n\":{i}}}"));
            if (i % 100 == 99)
            {
                // Pace the burst a little: on a loaded machine the kernel drops what the receiver cannot take in time.
                await Task.Delay(2);
            }
        }

        // Loopback UDP can still lose datagrams under pressure; everything received must be accounted for once the
        // daemon is quiet (the counters balance and stop moving).
        var lastReceived = -1L;
        var stableSince = DateTime.UtcNow;
        await WaitUntilAsync(() =>
        {
            var received = _daemon.Counters.Received;
            if (received != lastReceived)
            {
                lastReceived = received;
                stableSince = DateTime.UtcNow;
                return false;
            }

            return received > 0
                && DateTime.UtcNow - stableSince > TimeSpan.FromMilliseconds(500)
                && received == _daemon.Counters.Stored + _daemon.Counters.Dropped + _daemon.Counters.Rejected;
        });
        Assert.True(_daemon.Counters.Received >= count / 2, $"received {_daemon.Counters.Received} of {count}");
        Assert.Equal(_daemon.Counters.Stored, _ingest.Documents.Count);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("{\"NextToken\":null}")]
    public async Task Tcp_GetSamplingRules_ServesTheDefaultRule(string body)
    {
        using var response = await PostAsync("/GetSamplingRules", body);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rule = json.RootElement.GetProperty("SamplingRuleRecords")[0].GetProperty("SamplingRule");
        Assert.Equal("Default", rule.GetProperty("RuleName").GetString());
        Assert.Equal(10000, rule.GetProperty("Priority").GetInt32());
        Assert.Equal(1, rule.GetProperty("ReservoirSize").GetInt32());
        Assert.Equal(0.05, rule.GetProperty("FixedRate").GetDouble());
        Assert.Equal(1, rule.GetProperty("Version").GetInt32());
        Assert.Equal("*", rule.GetProperty("ServiceName").GetString());
        Assert.Equal("*", rule.GetProperty("URLPath").GetString());
    }

    [Fact]
    public async Task Tcp_SamplingTargets_AnswersKnownRulesAndFlagsUnknownOnes()
    {
        var body = """{"SamplingStatisticsDocuments":[{"RuleName":"Default","ClientID":"dea31d473023b0a14cd2b5a7","RequestCount":27,"BorrowCount":9,"SampledCount":18,"Timestamp":1795869150},{"RuleName":"gone","ClientID":"dea31d473023b0a14cd2b5a7","RequestCount":1,"BorrowCount":0,"SampledCount":1,"Timestamp":1795869150.5}]}""";

        using var response = await PostAsync("/SamplingTargets", body);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var target = Assert.Single(json.RootElement.GetProperty("SamplingTargetDocuments").EnumerateArray());
        Assert.Equal("Default", target.GetProperty("RuleName").GetString());
        Assert.Equal(1, target.GetProperty("ReservoirQuota").GetInt32());
        Assert.Equal(10, target.GetProperty("Interval").GetInt32());
        Assert.True(target.GetProperty("ReservoirQuotaTTL").GetDouble() > 1_700_000_000);
        Assert.True(json.RootElement.TryGetProperty("LastRuleModification", out _));
        var unprocessed = Assert.Single(json.RootElement.GetProperty("UnprocessedStatistics").EnumerateArray());
        Assert.Equal("gone", unprocessed.GetProperty("RuleName").GetString());
    }

    [Fact]
    public async Task Tcp_MalformedBody_GetsAnAwsShapedError()
    {
        using var response = await PostAsync("/SamplingTargets", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequestException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("InvalidRequestException", json.RootElement.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task Stop_DrainsQueuedDocuments()
    {
        var ingest = new RecordingIngest();
        var daemon = await XRayDaemon.StartAsync(
            new DaemonOptions { UdpEndpoint = new IPEndPoint(IPAddress.Loopback, 0), EnableTcp = false, FlushInterval = TimeSpan.FromHours(1), BatchSize = 1000 },
            ingest,
            new DefaultSamplingApi(TimeProvider.System));
        for (var i = 0; i < 10; i++)
        {
            daemon.AcceptDatagram(Encoding.UTF8.GetBytes(Header + $"{{\"n\":{i}}}"));
        }

        Assert.Empty(ingest.Documents);
        await daemon.DisposeAsync().AsTask().DefaultTimeout();

        Assert.Equal(10, ingest.Documents.Count);
        Assert.Equal(10, daemon.Counters.Stored);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _http.PostAsync(new Uri($"http://{_daemon.TcpEndpoint}{path}"), content).DefaultTimeout();
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
