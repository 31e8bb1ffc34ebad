using System.Net;
using System.Text;
using System.Text.Json;
using Fluoro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Daemon.Tests;

/// <summary>The forwarder against a fake remote X-Ray endpoint on a real socket.</summary>
public sealed class RemoteSegmentForwarderTests : IAsyncLifetime
{
    private readonly List<string> _bodies = [];
    private WebApplication _remote = null!;
    private Uri _endpoint = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _remote = builder.Build();
        _remote.MapPost("/TraceSegments", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (_bodies)
            {
                _bodies.Add(body);
            }

            return body.Contains("broken", StringComparison.Ordinal)
                ? Results.Text("""{"UnprocessedTraceSegments":[{"Id":"b","ErrorCode":"InvalidJson","Message":"bad"}]}""", "application/json")
                : Results.Text("""{"UnprocessedTraceSegments":[]}""", "application/json");
        });
        _remote.MapPost("/GetSamplingRules", () => Results.Text("""{"SamplingRuleRecords":[]}""", "application/json"));
        await _remote.StartAsync().DefaultTimeout();
        _endpoint = new Uri(_remote.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        await _remote.StopAsync();
        await _remote.DisposeAsync();
    }

    [Fact]
    public async Task Batch_IsSentAsOnePutTraceSegmentsCall_WithDocumentsAsStrings()
    {
        using var http = new HttpClient();
        var forwarder = new RemoteSegmentForwarder(http, _endpoint);
        ReadOnlyMemory<byte>[] documents = [Encoding.UTF8.GetBytes("{\"id\":\"a\",\"name\":\"q\\\"\"}"), Encoding.UTF8.GetBytes("{\"id\":\"b\",\"broken\":1}")];

        var result = await forwarder.IngestAsync(documents).AsTask().DefaultTimeout();

        Assert.Equal(1, result.Accepted);
        var unprocessed = Assert.Single(result.Unprocessed);
        Assert.Equal("b", unprocessed.Id);
        Assert.Equal("InvalidJson", unprocessed.ErrorCode);
        var sent = JsonDocument.Parse(Assert.Single(_bodies)).RootElement.GetProperty("TraceSegmentDocuments");
        Assert.Equal(["{\"id\":\"a\",\"name\":\"q\\\"\"}", "{\"id\":\"b\",\"broken\":1}"], sent.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task RemoteError_Throws_SoTheDaemonCountsTheBatchAsFailed()
    {
        using var http = new HttpClient();
        var forwarder = new RemoteSegmentForwarder(http, new Uri(_endpoint, "/nowhere/"));

        await Assert.ThrowsAsync<HttpRequestException>(() => forwarder.IngestAsync([Encoding.UTF8.GetBytes("{}")]).AsTask());
    }

    [Fact]
    public async Task SamplingCalls_AreRelayed()
    {
        using var http = new HttpClient();
        var relay = new RemoteSamplingApi(http, _endpoint);

        var rules = await relay.GetSamplingRulesAsync("{}"u8.ToArray()).AsTask().DefaultTimeout();

        Assert.Equal("""{"SamplingRuleRecords":[]}""", Encoding.UTF8.GetString(rules));
    }
}
