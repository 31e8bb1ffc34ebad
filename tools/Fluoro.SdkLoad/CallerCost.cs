using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Fluoro.Sdk;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Fluoro.SdkLoad;

/// <summary>
/// What the recording thread pays per subsegment, in CPU time of that thread (CLOCK_THREAD_CPUTIME_ID), which a
/// loaded machine does not inflate the way it inflates wall-clock time; and bytes allocated per operation on every
/// thread. Each contender runs with its normal background export pipeline, as in the BenchmarkDotNet comparison.
/// </summary>
internal static partial class CallerCost
{
    private static readonly ActivitySource OtelSource = new("sdkload.otel");
    private static readonly ActivitySource ParentSource = new("sdkload.parent");

    public static void Run(int operations)
    {
        using var sink = new UdpSinkCounter();
        for (var round = 1; round <= 2; round++)
        {
            using (var provider = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder()
                .AddSource(OtelSource.Name)
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter()))
                .Build())
            using (OtelSource.StartActivity("parent", ActivityKind.Server))
            {
                Measure($"round {round} OpenTelemetry span, batch processor, discarding exporter", operations, static () =>
                {
                    using var activity = OtelSource.StartActivity("work");
                    activity?.SetTag("customer", "acme");
                    activity?.SetTag("retries", 2L);
                });
            }

            using (var provider = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder()
                .AddSource(OtelSource.Name)
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddXRayExporter(o =>
                {
                    o.ServiceName = "sdkload";
                    o.Daemon = new DaemonAddress(sink.EndPoint, sink.EndPoint);
                    o.LambdaMode = false;
                })
                .Build())
            using (OtelSource.StartActivity("parent", ActivityKind.Server))
            {
                Measure($"round {round} OpenTelemetry span, AddXRayExporter (UDP)", operations, static () =>
                {
                    using var activity = OtelSource.StartActivity("work");
                    activity?.SetTag("customer", "acme");
                    activity?.SetTag("retries", 2L);
                });
            }

            foreach (var discard in (bool[])[true, false])
            {
                using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
                {
                    ServiceName = "sdkload",
                    Daemon = new DaemonAddress(sink.EndPoint, sink.EndPoint),
                    LambdaMode = false,
                    ActivitySourceNames = [ParentSource.Name],
                    Sampler = new DefaultRuleSampler(TimeProvider.System, int.MaxValue, 1),
                    DiscardDocuments = discard,
                }))
                using (ParentSource.StartActivity("parent", ActivityKind.Server))
                {
                    Measure($"round {round} Fluoro subsegment, {(discard ? "sender discarding" : "UDP")}", operations, static () =>
                    {
                        using var subsegment = XRay.BeginSubsegment("work");
                        subsegment.AddAnnotation("customer", "acme").AddAnnotation("retries", 2L);
                    });
                    Console.WriteLine($"    sent {tracer.DocumentsSent}, discarded {tracer.DocumentsDiscarded}, dropped {tracer.DocumentsDropped} (queue full)");
                }
            }
        }
    }

    private static void Measure(string label, int operations, Action operation)
    {
        for (var i = 0; i < 200_000; i++)
        {
            operation();
        }

        var cpu = ThreadCpuNanoseconds();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < operations; i++)
        {
            operation();
        }

        var wall = Stopwatch.GetElapsedTime(start).TotalNanoseconds / operations;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)operations;
        var threadCpu = (ThreadCpuNanoseconds() - cpu) / operations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: caller_cpu={threadCpu:F0}ns/op wall={wall:F0}ns/op allocated={bytes:F0}B/op"));
    }

    public static double ThreadCpuNanoseconds()
    {
        const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
        return ClockGetTime(ThreadCpuClock, out var time) == 0 ? (time.Seconds * 1e9) + time.Nanoseconds : double.NaN;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private sealed class DiscardingExporter : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }
}
