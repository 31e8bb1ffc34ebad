using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Fluoro.Sdk;

namespace Fluoro.Benchmarks.Sdk;

/// <summary>Serializing one finished subsegment (two annotations, HTTP fields) into a daemon datagram.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private static readonly ActivitySource Source = new("bench.serialize");
    private SegmentDocumentSerializer _serializer = null!;
    private Activity _subsegment = null!;
    private ActivityListener _listener = null!;

    [GlobalSetup]
    public void Setup()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "bench.serialize",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        _serializer = new SegmentDocumentSerializer(new FluoroTracingOptions { ServiceName = "bench", LambdaMode = false });
        using var parent = Source.StartActivity("parent", ActivityKind.Server)!;
        _subsegment = Source.StartActivity("GET /orders", ActivityKind.Client)!;
        _subsegment.SetTag("http.request.method", "GET");
        _subsegment.SetTag("url.full", "https://orders.internal/orders/42");
        _subsegment.SetTag("server.address", "orders.internal");
        _subsegment.SetTag("http.response.status_code", 200);
        XRay.AddAnnotation("customer", "acme");
        XRay.AddAnnotation("retries", 2L);
        _subsegment.Stop();
    }

    [GlobalCleanup]
    public void Cleanup() => _listener.Dispose();

    /// <summary>The sender's path: the document written after the daemon header in the thread's reused buffer.</summary>
    [Benchmark]
    public int SerializeSubsegment() => _serializer.Write(_subsegment).Length;
}
