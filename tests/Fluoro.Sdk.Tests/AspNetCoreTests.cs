using System.Net;
using Fluoro.Sdk.AspNetCore;
using Fluoro.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluoro.Sdk.Tests;

[Collection(nameof(TracerTests))]
public sealed class AspNetCoreTests
{
    private static async Task<WebApplication> StartAppAsync(UdpSink sink)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddFluoroTracing(o =>
        {
            o.ServiceName = "shop-web";
            o.Daemon = sink.Address;
            o.LambdaMode = false;
            o.Sampler = new DefaultRuleSampler(TimeProvider.System, 1000, 1);
        });
        var app = builder.Build();
        app.UseFluoroTracing();
        app.MapGet("/ok", () =>
        {
            XRay.AddAnnotation("route", "ok");
            return "fine";
        });
        app.MapGet("/broken", IResult () => throw new InvalidOperationException("kaput"));
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task An_incoming_sampled_request_continues_the_callers_trace()
    {
        using var sink = new UdpSink();
        var root = TraceId.NewId(TimeProvider.System);
        var parent = SegmentId.NewId();
        await using (var app = await StartAppAsync(sink))
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, app.Urls.First() + "/ok");
            request.Headers.Add(TraceHeader.HeaderName, $"Root={root};Parent={parent};Sampled=1");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(TraceHeader.TryParse(response.Headers.GetValues(TraceHeader.HeaderName).Single(), out var answered));
            Assert.Equal(root, answered.Root);
            Assert.Equal(SamplingDecision.Sampled, answered.Sampled);
            await app.StopAsync();
        }

        var segment = UdpSink.Document(Assert.Single(await sink.ReceiveAsync(1)));
        Assert.Equal("shop-web", segment.GetProperty("name").GetString());
        Assert.Equal(root.ToString(), segment.GetProperty("trace_id").GetString());
        Assert.Equal(parent.ToString(), segment.GetProperty("parent_id").GetString());
        Assert.Equal("GET", segment.GetProperty("http").GetProperty("request").GetProperty("method").GetString());
        Assert.EndsWith("/ok", segment.GetProperty("http").GetProperty("request").GetProperty("url").GetString());
        Assert.Equal(200, segment.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("ok", segment.GetProperty("annotations").GetProperty("route").GetString());
    }

    [Fact]
    public async Task An_unsampled_request_is_not_recorded_and_an_exception_is_a_fault()
    {
        using var sink = new UdpSink();
        await using (var app = await StartAppAsync(sink))
        {
            using var http = new HttpClient();
            using var unsampled = new HttpRequestMessage(HttpMethod.Get, app.Urls.First() + "/ok");
            unsampled.Headers.Add(TraceHeader.HeaderName, $"Root={TraceId.NewId(TimeProvider.System)};Parent={SegmentId.NewId()};Sampled=0");
            (await http.SendAsync(unsampled)).Dispose();

            using var broken = await http.GetAsync(app.Urls.First() + "/broken");
            Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
            await app.StopAsync();
        }

        var segment = UdpSink.Document(Assert.Single(await sink.ReceiveAsync(2, TimeSpan.FromSeconds(1))));
        Assert.True(segment.GetProperty("fault").GetBoolean());
        Assert.Equal("kaput", segment.GetProperty("cause").GetProperty("exceptions")[0].GetProperty("message").GetString());
        Assert.False(segment.TryGetProperty("parent_id", out _));
    }
}
