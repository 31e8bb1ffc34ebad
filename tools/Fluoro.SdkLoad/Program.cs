using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fluoro.Sdk;

// Export rate of the SDK: one thread ends N subsegments (2 annotations each) under one segment; a UDP sink on
// loopback counts what arrives. Prints subsegments/s from the first begin to the last datagram received, and loss.
// Usage: dotnet run -c Release --project tools/Fluoro.SdkLoad -- [subsegments=1000000]
// "One core": run it under `taskset -c 0`.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;

using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
sink.ReceiveBufferSize = 32 * 1024 * 1024;
sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
var received = 0L;
var receiver = new Thread(() =>
{
    var buffer = new byte[65536];
    sink.ReceiveTimeout = 3000;
    while (true)
    {
        try
        {
            sink.Receive(buffer);
            Interlocked.Increment(ref received);
        }
        catch (SocketException)
        {
            return;
        }
    }
})
{ IsBackground = true };
receiver.Start();

var source = new ActivitySource("sdkload");
var expected = count + 1L;
var clock = Stopwatch.StartNew();
long sent, dropped, failed;
await using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
{
    ServiceName = "sdkload",
    Daemon = new DaemonAddress(sink.LocalEndPoint!, sink.LocalEndPoint!),
    LambdaMode = false,
    ActivitySourceNames = ["sdkload"],
    Sampler = new DefaultRuleSampler(TimeProvider.System, int.MaxValue, 1),
}))
{
    using (source.StartActivity("load", ActivityKind.Server))
    {
        for (var i = 0; i < count; i++)
        {
            using var subsegment = XRay.BeginSubsegment("work");
            subsegment.AddAnnotation("customer", "acme").AddAnnotation("i", (long)i);
        }
    }

    await tracer.FlushAsync(TimeSpan.FromSeconds(60));
    sent = tracer.DocumentsSent;
    dropped = tracer.DocumentsDropped;
    failed = tracer.DocumentsFailed;
}

while (Interlocked.Read(ref received) < expected && clock.Elapsed < TimeSpan.FromSeconds(120))
{
    var before = Interlocked.Read(ref received);
    await Task.Delay(200);
    if (Interlocked.Read(ref received) == before)
    {
        break;
    }
}

clock.Stop();
var got = Interlocked.Read(ref received);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"subsegments={count} documents_sent={sent} dropped={dropped} failed={failed} received={got} lost={expected - got} seconds={clock.Elapsed.TotalSeconds:F2} rate={got / clock.Elapsed.TotalSeconds:F0}/s"));
