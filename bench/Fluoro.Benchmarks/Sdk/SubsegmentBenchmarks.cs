using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Fluoro.Sdk;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Fluoro.Benchmarks.Sdk;

/// <summary>
/// The cost a traced application pays per subsegment: begin, two annotations (a string and a number), end, under a
/// recorded parent. Like for like, each side with its normal background export pipeline at default settings:
/// Fluoro's tracer (bounded ring of 8,192, a sender thread serializing and sending each document over UDP to a
/// loopback socket that is never read, drop-and-count when the ring is full) against an OpenTelemetry .NET span
/// with two attributes under OpenTelemetry's BatchActivityExportProcessor (queue of 2,048, exporter thread,
/// drop when full) with an exporter that discards each batch — OpenTelemetry's cheapest possible export, so its
/// background thread never competes for the CPU the way a real exporter would. Neither side ever serializes,
/// sends or waits on the caller's thread. Allocations are counted on every thread (GC.GetTotalAllocatedBytes).
/// Two pairs: discarding (OpenTelemetrySpan, FluoroSubsegmentDiscarding: each side's queue and background thread,
/// which takes every finished span/subsegment off the queue and lets it go) and exporting over UDP
/// (OpenTelemetrySpanToXRay, FluoroSubsegment: each side serializes and sends every document on its background thread).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SubsegmentBenchmarks
{
    private static readonly ActivitySource OtelSource = new("bench.otel");
    private static readonly ActivitySource ParentSource = new("bench.parent");

    private Socket _sink = null!;
    private FluoroTracer _tracer = null!;
    private TracerProvider _otel = null!;
    private Activity _parent = null!;

    [GlobalSetup(Target = nameof(FluoroSubsegment))]
    public void SetupFluoro() => StartFluoro(discard: false);

    [GlobalSetup(Target = nameof(FluoroSubsegmentDiscarding))]
    public void SetupFluoroDiscarding() => StartFluoro(discard: true);

    private void StartFluoro(bool discard)
    {
        _sink = OpenSink();
        _tracer = FluoroTracing.Start(new FluoroTracingOptions
        {
            ServiceName = "bench",
            Daemon = new DaemonAddress(_sink.LocalEndPoint!, _sink.LocalEndPoint!),
            LambdaMode = false,
            ActivitySourceNames = ["bench.parent"],
            MaxQueuedDocuments = int.Parse(Environment.GetEnvironmentVariable("FLUORO_BENCH_QUEUE") ?? "8192", System.Globalization.CultureInfo.InvariantCulture),
            Sampler = new DefaultRuleSampler(TimeProvider.System, int.MaxValue, 1),
            DiscardDocuments = discard,
        });
        _parent = ParentSource.StartActivity("parent", ActivityKind.Server)!;
    }

    [GlobalCleanup(Targets = [nameof(FluoroSubsegment), nameof(FluoroSubsegmentDiscarding)])]
    public void CleanupFluoro()
    {
        _parent.Dispose();
        Console.WriteLine($"// Fluoro: sent {_tracer.DocumentsSent}, discarded {_tracer.DocumentsDiscarded}, dropped {_tracer.DocumentsDropped}, failed {_tracer.DocumentsFailed}");
        _tracer.Dispose();
        _sink.Dispose();
    }

    [GlobalSetup(Target = nameof(OpenTelemetrySpan))]
    public void SetupOpenTelemetry()
    {
        _otel = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource("bench.otel")
            .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
            .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter()))
            .Build();
        _parent = OtelSource.StartActivity("parent", ActivityKind.Server)!;
    }

    [GlobalCleanup(Target = nameof(OpenTelemetrySpan))]
    public void CleanupOpenTelemetry()
    {
        _parent.Dispose();
        _otel.Dispose();
    }

    [GlobalSetup(Target = nameof(OpenTelemetrySpanToXRay))]
    public void SetupOpenTelemetryToXRay()
    {
        _sink = OpenSink();
        _otel = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource("bench.otel")
            .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
            .AddXRayExporter(o =>
            {
                o.ServiceName = "bench";
                o.Daemon = new DaemonAddress(_sink.LocalEndPoint!, _sink.LocalEndPoint!);
                o.LambdaMode = false;
            })
            .Build();
        _parent = OtelSource.StartActivity("parent", ActivityKind.Server)!;
    }

    [GlobalCleanup(Target = nameof(OpenTelemetrySpanToXRay))]
    public void CleanupOpenTelemetryToXRay()
    {
        _parent.Dispose();
        _otel.Dispose();
        _sink.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void OpenTelemetrySpan()
    {
        using var activity = OtelSource.StartActivity("work");
        activity?.SetTag("customer", "acme");
        activity?.SetTag("retries", 2L);
    }

    /// <summary>The same span exported the way OpenTelemetry users send to X-Ray with this SDK (AddXRayExporter).</summary>
    [Benchmark]
    public void OpenTelemetrySpanToXRay()
    {
        using var activity = OtelSource.StartActivity("work");
        activity?.SetTag("customer", "acme");
        activity?.SetTag("retries", 2L);
    }

    /// <summary>Fluoro's subsegment with its sender letting every entity go: like for like with <see cref="OpenTelemetrySpan"/>.</summary>
    [Benchmark]
    public void FluoroSubsegmentDiscarding()
    {
        using var subsegment = XRay.BeginSubsegment("work");
        subsegment.AddAnnotation("customer", "acme").AddAnnotation("retries", 2L);
    }

    [Benchmark]
    public void FluoroSubsegment()
    {
        using var subsegment = XRay.BeginSubsegment("work");
        subsegment.AddAnnotation("customer", "acme").AddAnnotation("retries", 2L);
    }

    private static Socket OpenSink()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private sealed class DiscardingExporter : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }
}
