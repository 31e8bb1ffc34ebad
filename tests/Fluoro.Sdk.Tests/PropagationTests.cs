using System.Diagnostics;
using System.Net;
using Fluoro.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluoro.Sdk.Tests;

[Collection(nameof(TracerTests))]
public sealed class PropagationTests
{
    [Fact]
    public async Task HttpClient_calls_carry_X_Amzn_Trace_Id_and_become_remote_subsegments()
    {
        using var sink = new UdpSink();
        string? seenHeader = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/stock", (HttpContext context) =>
        {
            seenHeader = context.Request.Headers[TraceHeader.HeaderName];
            return Results.StatusCode(503);
        });
        await app.StartAsync();
        var url = app.Urls.First() + "/stock";

        string traceId, rootId;
        await using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
        {
            ServiceName = "web",
            Daemon = sink.Address,
            LambdaMode = false,
            ActivitySourceNames = ["test.server", "System.Net.Http"],
            Sampler = new DefaultRuleSampler(TimeProvider.System, 1000, 1),
        }))
        {
            using (var root = new ActivitySource("test.server").StartActivity("root", ActivityKind.Server)!)
            {
                rootId = root.SpanId.ToHexString();
                traceId = XRay.CurrentTraceId!;
                using var http = new HttpClient();
                using var response = await http.GetAsync(url);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            }

            await tracer.FlushAsync();
        }

        Assert.True(TraceHeader.TryParse(seenHeader, out var header));
        Assert.Equal(traceId, header.Root.ToString());
        Assert.Equal(SamplingDecision.Sampled, header.Sampled);

        var documents = (await sink.ReceiveAsync(2)).Select(UdpSink.Document).ToList();
        var client = documents.Single(d => d.GetProperty("id").GetString() != rootId);
        Assert.Equal("remote", client.GetProperty("namespace").GetString());
        Assert.Equal("127.0.0.1", client.GetProperty("name").GetString());
        Assert.Equal(header.Parent.ToString(), client.GetProperty("id").GetString());
        Assert.Equal(503, client.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("GET", client.GetProperty("http").GetProperty("request").GetProperty("method").GetString());
        Assert.True(client.GetProperty("fault").GetBoolean());
    }

    [Theory]
    [InlineData("127.0.0.1:2000", "127.0.0.1:2000", "127.0.0.1:2000")]
    [InlineData("tcp:127.0.0.1:2001 udp:127.0.0.1:2002", "127.0.0.1:2002", "127.0.0.1:2001")]
    [InlineData("udp:127.0.0.1:2002 tcp:127.0.0.1:2001", "127.0.0.1:2002", "127.0.0.1:2001")]
    public void Daemon_address_forms_parse(string value, string udp, string tcp)
    {
        Assert.True(DaemonAddress.TryParse(value, out var address));
        Assert.Equal(udp, address.Udp.ToString());
        Assert.Equal(tcp, address.Tcp.ToString());
    }

    [Theory]
    [InlineData("tcp:127.0.0.1:2001")]
    [InlineData("nonsense")]
    [InlineData("")]
    public void Invalid_daemon_addresses_are_rejected(string value) => Assert.False(DaemonAddress.TryParse(value, out _));
}
