using System.Diagnostics;
using System.Globalization;
using Fluoro.Sdk;

namespace Fluoro.SdkLoad;

/// <summary>
/// CPU time of the recording-independent part of export: writing one finished subsegment (two annotations, HTTP
/// fields) as a daemon datagram, the same document as the SerializeSubsegment benchmark, measured as CPU time of
/// the serializing thread so that a loaded machine does not inflate it.
/// </summary>
internal static class SerializeCost
{
    public static void Run(int operations)
    {
        var source = new ActivitySource("sdkload.serialize");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var serializer = new SegmentDocumentSerializer(new FluoroTracingOptions { ServiceName = "bench", LambdaMode = false });
        Activity subsegment;
        using (source.StartActivity("parent", ActivityKind.Server))
        {
            subsegment = source.StartActivity("GET /orders", ActivityKind.Client)!;
            subsegment.SetTag("http.request.method", "GET");
            subsegment.SetTag("url.full", "https://orders.internal/orders/42");
            subsegment.SetTag("server.address", "orders.internal");
            subsegment.SetTag("http.response.status_code", 200);
            XRay.AddAnnotation("customer", "acme");
            XRay.AddAnnotation("retries", 2L);
            subsegment.Stop();
        }

        var length = 0;
        for (var round = 1; round <= 3; round++)
        {
            var cpu = CallerCost.ThreadCpuNanoseconds();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < operations; i++)
            {
                length = serializer.Write(subsegment).Length;
            }

            var wall = Stopwatch.GetElapsedTime(start).TotalNanoseconds / operations;
            var threadCpu = (CallerCost.ThreadCpuNanoseconds() - cpu) / operations;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)operations;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"serialize round {round}: datagram={length}B cpu={threadCpu:F0}ns/op wall={wall:F0}ns/op allocated={bytes:F1}B/op"));
        }

        Console.WriteLine(System.Text.Encoding.UTF8.GetString(serializer.Write(subsegment)));
    }
}
