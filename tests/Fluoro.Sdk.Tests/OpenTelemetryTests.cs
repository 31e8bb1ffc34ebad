using System.Diagnostics;
using Fluoro.Sdk.OpenTelemetry;
using Fluoro.Tracing;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Trace;

namespace Fluoro.Sdk.Tests;

[Collection(nameof(TracerTests))]
public sealed class OpenTelemetryTests
{
    [Fact]
    public async Task OpenTelemetry_spans_arrive_as_an_xray_segment_with_a_subsegment()
    {
        using var sink = new UdpSink();
        using var source = new ActivitySource("otel.app");
        string traceId;
        using (var provider = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder()
                   .AddSource("otel.app")
                   .SetSampler(new AlwaysOnSampler())
                   .AddXRayExporter(o =>
                   {
                       o.ServiceName = "otel-service";
                       o.Daemon = sink.Address;
                       o.LambdaMode = false;
                   })
                   .Build())
        {
            using (var server = source.StartActivity("handle", ActivityKind.Server)!)
            {
                traceId = XRayIds.ToXRayTraceId(server.TraceId);
                using var child = source.StartActivity("query", ActivityKind.Client)!;
                child.SetTag("db.system", "postgresql");
                child.SetTag("server.address", "db.internal");
            }

            provider.ForceFlush();
        }

        var documents = (await sink.ReceiveAsync(2)).Select(UdpSink.Document).ToList();
        Assert.Equal(2, documents.Count);
        Assert.True(TraceId.TryParse(traceId, out _), "OpenTelemetry trace ids must be X-Ray-compatible (epoch prefix)");
        var segment = documents.Single(d => !d.TryGetProperty("type", out _));
        var subsegment = documents.Single(d => d.TryGetProperty("type", out _));
        Assert.Equal("otel-service", segment.GetProperty("name").GetString());
        Assert.Equal("db.internal", subsegment.GetProperty("name").GetString());
        Assert.Equal("remote", subsegment.GetProperty("namespace").GetString());
        Assert.Equal(segment.GetProperty("id").GetString(), subsegment.GetProperty("parent_id").GetString());
        Assert.Equal("postgresql", subsegment.GetProperty("metadata").GetProperty("default").GetProperty("db.system").GetString());
    }

    [Fact]
    public void The_text_map_propagator_round_trips_X_Amzn_Trace_Id()
    {
        var propagator = new XRayTextMapPropagator();
        var root = TraceId.NewId(TimeProvider.System);
        var parent = SegmentId.NewId();
        var headers = new Dictionary<string, string> { [TraceHeader.HeaderName] = $"Root={root};Parent={parent};Sampled=1" };
        var context = propagator.Extract(default, headers, static (h, k) => h.TryGetValue(k, out var v) ? [v] : null);
        Assert.Equal(root.ToW3CString(), context.ActivityContext.TraceId.ToHexString());
        Assert.Equal(parent.ToString(), context.ActivityContext.SpanId.ToHexString());

        var written = new Dictionary<string, string>();
        propagator.Inject(new PropagationContext(context.ActivityContext, default), written, static (h, k, v) => h[k] = v);
        Assert.Equal($"Root={root};Parent={parent};Sampled=1", written[TraceHeader.HeaderName]);
    }
}
