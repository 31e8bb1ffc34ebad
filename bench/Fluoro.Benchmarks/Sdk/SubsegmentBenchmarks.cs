using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Fluoro.Sdk;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Fluoro.Benchmarks.Sdk;

/// <summary>
/// The cost a traced application pays per subsegment: begin, two annotations, end — recorded and exported.
/// Fluoro's SDK (serialize on end, queue to a UDP sender) against an OpenTelemetry .NET span with two attributes
/// exported by a batch processor to an exporter that drops the batch (OpenTelemetry's cheapest export path).
/// Both run under a recorded parent; both export to loopback sinks that are never read.
/// </summary>
[MemoryDiagnoser]
public class SubsegmentBenchmarks
{
    private static readonly ActivitySource OtelSource = new("bench.otel");
    private static readonly ActivitySource ParentSource = new("bench.parent");

    private Socket _sink = null!;
    private FluoroTracer _tracer = null!;
    private TracerProvider _otel = null!;
    private Activity _fluoroParent = null!;

    [GlobalSetup(Target = nameof(FluoroSubsegment))]
    public void SetupFluoro()
    {
        _sink = OpenSink();
        _tracer = FluoroTracing.Start(new FluoroTracingOptions
        {
            ServiceName = "bench",
            Daemon = new DaemonAddress(_sink.LocalEndPoint!, _sink.LocalEndPoint!),
            LambdaMode = false,
            ActivitySourceNames = ["bench.parent"],
            MaxQueuedDocuments = 1 << 20,
            Sampler = new DefaultRuleSampler(TimeProvider.System, int.MaxValue, 1),
        });
        _fluoroParent = ParentSource.StartActivity("parent", ActivityKind.Server)!;
    }

    [GlobalCleanup(Target = nameof(FluoroSubsegment))]
    public void CleanupFluoro()
    {
        _fluoroParent.Dispose();
        _tracer.Dispose();
        _sink.Dispose();
    }

    [GlobalSetup(Target = nameof(OpenTelemetrySpan))]
    public void SetupOpenTelemetry()
    {
        _otel = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .AddSource("bench.otel")
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter(), maxQueueSize: 1 << 20))
            .Build();
    }

    [GlobalCleanup(Target = nameof(OpenTelemetrySpan))]
    public void CleanupOpenTelemetry() => _otel.Dispose();

    [Benchmark(Baseline = true)]
    public void OpenTelemetrySpan()
    {
        using var activity = OtelSource.StartActivity("work");
        activity?.SetTag("customer", "acme");
        activity?.SetTag("retries", 2L);
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
