using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fluoro.Sdk;
using Fluoro.SdkLoad;

// Load and cost measurements of Fluoro.Sdk (run them under `taskset -c 0` for "one core"):
//   export [subsegments=1000000]  one thread ends subsegments (2 annotations each) under one segment as fast as the
//                                 SDK sends them without loss; a tight UDP sink in the same process counts arrivals.
//   sendto [datagrams=1000000] [sendto|connected-send|sendmmsg]
//                                 the floor: a bare loop sending one subsegment-sized datagram to the same sink —
//                                 sendto with a cached address, send on a connected socket, or sendmmsg batches of 64.
//   serialize [operations=1000000] CPU time of writing one subsegment datagram (the SerializeSubsegment document).
//   caller [operations=3000000]   CPU time of the recording thread per subsegment/span (begin, 2 annotations, end)
//                                 for Fluoro and OpenTelemetry, and bytes allocated per operation on every thread.
var mode = args.Length > 0 ? args[0] : "export";
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : mode == "caller" ? 3_000_000 : 1_000_000;
switch (mode)
{
    case "export":
        await ExportAsync(count);
        break;
    case "sendto":
        SendTo(count, args.Length > 2 ? args[2] : "sendto");
        break;
    case "caller":
        CallerCost.Run(count);
        break;
    case "serialize":
        SerializeCost.Run(count);
        break;
    default:
        Console.Error.WriteLine("usage: Fluoro.SdkLoad export|sendto|serialize|caller [count]");
        Environment.Exit(2);
        break;
}

static async Task ExportAsync(int count)
{
    using var sink = new UdpSinkCounter();
    var source = new ActivitySource("sdkload");
    var expected = count + 1L;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var start = Stopwatch.GetTimestamp();
    long sent, dropped, failed, waits = 0;
    await using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
    {
        ServiceName = "sdkload",
        Daemon = new DaemonAddress(sink.EndPoint, sink.EndPoint),
        LambdaMode = false,
        ActivitySourceNames = ["sdkload"],
        Sampler = new DefaultRuleSampler(TimeProvider.System, int.MaxValue, 1),
    }))
    {
        // The SDK never blocks its caller: past a full queue it drops. To measure the rate without loss the load
        // stays within the queue (8,192) and yields to the sender when it gets ahead.
        const int Window = 4096;
        using (source.StartActivity("load", ActivityKind.Server))
        {
            for (var i = 0; i < count; i++)
            {
                while (i - tracer.DocumentsSent >= Window)
                {
                    waits++;
                    Thread.Yield();
                }

                using var subsegment = XRay.BeginSubsegment("work");
                subsegment.AddAnnotation("customer", "acme").AddAnnotation("i", (long)i);
            }
        }

        await tracer.FlushAsync(TimeSpan.FromSeconds(60));
        sent = tracer.DocumentsSent;
        dropped = tracer.DocumentsDropped;
        failed = tracer.DocumentsFailed;
    }

    var elapsed = sink.WaitForQuiet(expected, start);
    var got = sink.Received;
    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"export: subsegments={count} documents_sent={sent} dropped={dropped} failed={failed} received={got} lost={expected - got} seconds={elapsed.TotalSeconds:F2} rate={got / elapsed.TotalSeconds:F0}/s cpu_per_document={cpuUsed.TotalNanoseconds / Math.Max(1, got) / 1000:F2}us yields={waits}"));
}

static void SendTo(int count, string variant)
{
    // A datagram the size of the export test's documents (header + one subsegment with two annotations).
    var datagram = new byte[330];
    "{\"format\":\"json\",\"version\":1}\n"u8.CopyTo(datagram);
    {
        using var sink = new UdpSinkCounter();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var address = sink.EndPoint.Serialize();
        if (variant != "sendto")
        {
            socket.Connect(sink.EndPoint);
        }

        using var batch = new Fluoro.Sdk.DatagramBatch(socket);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var threadCpu = CallerCost.ThreadCpuNanoseconds();
        for (var i = 0; i < count; i++)
        {
            switch (variant)
            {
                case "sendto":
                    socket.SendTo(datagram, SocketFlags.None, address);
                    break;
                case "connected-send":
                    socket.Send(datagram);
                    break;
                default:
                    if (!batch.TryAdd(datagram))
                    {
                        batch.Send();
                        batch.TryAdd(datagram);
                    }

                    break;
            }
        }

        batch.Send();
        var sendCpu = (CallerCost.ThreadCpuNanoseconds() - threadCpu) / count;
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var elapsed = sink.WaitForQuiet(count, start);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{variant}: datagrams={count} bytes={datagram.Length} received={sink.Received} lost={count - sink.Received} send_loop={sendSeconds * 1e6 / count:F2}us/datagram sender_cpu={sendCpu / 1000:F2}us seconds={elapsed.TotalSeconds:F2} rate={sink.Received / elapsed.TotalSeconds:F0}/s process_cpu_per_datagram={cpuUsed.TotalNanoseconds / Math.Max(1, sink.Received) / 1000:F2}us"));
    }
}
