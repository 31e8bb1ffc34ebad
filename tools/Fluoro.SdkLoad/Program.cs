using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fluoro.Sdk;
using Fluoro.SdkLoad;

// Load and cost measurements of Fluoro.Sdk (run them under `taskset -c 0` for "one core"):
//   export [subsegments=1000000] [--sink-cpu N]
//                                 one thread ends subsegments (2 annotations each) under one segment as fast as the
//                                 SDK sends them without loss (after an untimed warm-up of up to 200,000); a tight UDP sink counts arrivals — in this process (on
//                                 the same core), or with --sink-cpu in a child process pinned to core N (the
//                                 receiver is the daemon's work, not the exporter's).
//   sendto [datagrams=1000000] [sendto|connected-send|sendmmsg] [--sink-cpu N]
//                                 the floor: a bare loop sending one subsegment-sized datagram to the same sink —
//                                 sendto with a cached address, send on a connected socket, or sendmmsg batches of 64.
//   sink                          the child process behind --sink-cpu (see SinkProcess).
//   serialize [operations=1000000] CPU time of writing one subsegment datagram (the SerializeSubsegment document).
//   caller [operations=3000000]   CPU time of the recording thread per subsegment/span (begin, 2 annotations, end)
//                                 for Fluoro and OpenTelemetry, and bytes allocated per operation on every thread.
var sinkCpu = -1;
var at = Array.IndexOf(args, "--sink-cpu");
if (at >= 0 && at + 1 < args.Length)
{
    sinkCpu = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
    args = [.. args.Where((_, i) => i != at && i != at + 1)];
}

var mode = args.Length > 0 ? args[0] : "export";
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : mode == "caller" ? 3_000_000 : 1_000_000;
switch (mode)
{
    case "export":
        await ExportAsync(count, sinkCpu);
        break;
    case "sendto":
        SendTo(count, args.Length > 2 ? args[2] : "sendto", sinkCpu);
        break;
    case "sink":
        SinkProcess.Serve();
        break;
    case "caller":
        CallerCost.Run(count);
        break;
    case "serialize":
        SerializeCost.Run(count);
        break;
    default:
        Console.Error.WriteLine("usage: Fluoro.SdkLoad export|sendto|serialize|caller [count] [--sink-cpu N]");
        Environment.Exit(2);
        break;
}

static ICountingSink OpenSink(int sinkCpu) => sinkCpu >= 0 ? new SinkProcess(sinkCpu) : new UdpSinkCounter();

static async Task ExportAsync(int count, int sinkCpu)
{
    using var sink = OpenSink(sinkCpu);
    var source = new ActivitySource("sdkload");

    // An untimed warm-up first, so that the measured run sees the code a long-running application runs (tier 1 of
    // tiered compilation), not the first seconds' instrumented and unoptimized code.
    var warmup = Math.Min(200_000, count);
    var expected = warmup + count + 1L;
    long sent, dropped, failed, waits = 0;
    double recordingCpu;
    TimeSpan cpu;
    SinkReport before;
    long start;
    await using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
    {
        ServiceName = "sdkload",
        Daemon = new DaemonAddress(sink.EndPoint, sink.EndPoint),
        LambdaMode = false,
        ActivitySourceNames = ["sdkload"],
        Sampler = new DefaultRuleSampler(TimeProvider.System, int.MaxValue, 1),
    }))
    {
        using (source.StartActivity("load", ActivityKind.Server))
        {
            Record(tracer, 0, warmup, ref waits);
            await tracer.FlushAsync(TimeSpan.FromSeconds(60));
            before = sink.WaitForQuiet(warmup, Stopwatch.GetTimestamp());
            waits = 0;
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var threadCpu = CallerCost.ThreadCpuNanoseconds();
            start = Stopwatch.GetTimestamp();
            Record(tracer, warmup, warmup + count, ref waits);
            recordingCpu = CallerCost.ThreadCpuNanoseconds() - threadCpu;
        }

        await tracer.FlushAsync(TimeSpan.FromSeconds(60));
        sent = tracer.DocumentsSent;
        dropped = tracer.DocumentsDropped;
        failed = tracer.DocumentsFailed;
    }

    var report = sink.WaitForQuiet(expected, start);
    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var got = report.Received - before.Received;
    var elapsed = report.Elapsed;
    var perDocument = 1000.0 * Math.Max(1, got);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"export ({(sinkCpu >= 0 ? $"sink process on cpu {sinkCpu}" : "sink thread in this process")}): subsegments={count} (after {warmup} untimed) documents_sent={sent} dropped={dropped} failed={failed} received={report.Received} lost={expected - report.Received} measured: received={got} seconds={elapsed.TotalSeconds:F2} rate={got / elapsed.TotalSeconds:F0}/s process_cpu_per_document={cpuUsed.TotalNanoseconds / perDocument:F2}us recording_thread_cpu={recordingCpu / perDocument:F2}us sink_receive_cpu={(report.ReceiveCpuNanoseconds - before.ReceiveCpuNanoseconds) / perDocument:F2}us yields={waits}"));

    static void Record(FluoroTracer tracer, int from, int to, ref long waits)
    {
        // The SDK never blocks its caller: past a full queue it drops. To measure the rate without loss the load
        // stays within the queue (8,192) and yields to the sender when it gets ahead.
        const int Window = 4096;
        for (var i = from; i < to; i++)
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
}

static void SendTo(int count, string variant, int sinkCpu)
{
    // A datagram the size of the export test's documents (header + one subsegment with two annotations).
    var datagram = new byte[330];
    "{\"format\":\"json\",\"version\":1}\n"u8.CopyTo(datagram);
    {
        using var sink = OpenSink(sinkCpu);
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
        var report = sink.WaitForQuiet(count, start);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{variant}: datagrams={count} bytes={datagram.Length} received={report.Received} lost={count - report.Received} send_loop={sendSeconds * 1e6 / count:F2}us/datagram sender_cpu={sendCpu / 1000:F2}us seconds={report.Elapsed.TotalSeconds:F2} rate={report.Received / report.Elapsed.TotalSeconds:F0}/s process_cpu_per_datagram={cpuUsed.TotalNanoseconds / Math.Max(1, report.Received) / 1000:F2}us sink_receive_cpu={report.ReceiveCpuNanoseconds / Math.Max(1, report.Received) / 1000:F2}us"));
    }
}
