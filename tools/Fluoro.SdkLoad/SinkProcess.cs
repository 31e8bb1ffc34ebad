using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Fluoro.SdkLoad;

/// <summary>
/// A <see cref="UdpSinkCounter"/> in a child process pinned to its own core (<c>taskset -c CPU … sink</c>), so that
/// the receiving side — the daemon, in real life — takes no CPU from the process being measured. It speaks a
/// line protocol on its standard input/output: it prints <c>listening PORT</c>, answers <c>wait EXPECTED START</c>
/// with <c>received N elapsed_ticks T receive_cpu_ns C</c> (TimeSpan ticks from START to the last arrival), and
/// exits when its input closes. Stopwatch timestamps are CLOCK_MONOTONIC on Linux, comparable across processes.
/// </summary>
internal sealed class SinkProcess : ICountingSink
{
    private readonly Process _process;

    public SinkProcess(int cpu)
    {
        var start = new ProcessStartInfo("taskset")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(cpu.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(Environment.ProcessPath!);
        start.ArgumentList.Add(typeof(SinkProcess).Assembly.Location);
        start.ArgumentList.Add("sink");
        _process = Process.Start(start)!;
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the sink process ended before listening");
        var port = int.Parse(line.AsSpan("listening ".Length), CultureInfo.InvariantCulture);
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public IPEndPoint EndPoint { get; }

    public SinkReport WaitForQuiet(long expected, long startTimestamp)
    {
        _process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wait {expected} {startTimestamp}"));
        _process.StandardInput.Flush();
        var answer = (_process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the sink process ended")).Split(' ');
        return new SinkReport(
            long.Parse(answer[1], CultureInfo.InvariantCulture),
            TimeSpan.FromTicks(long.Parse(answer[3], CultureInfo.InvariantCulture)),
            double.Parse(answer[5], CultureInfo.InvariantCulture));
    }

    /// <summary>The child's side: listen, answer <c>wait</c> lines until the input closes.</summary>
    public static void Serve()
    {
        using var sink = new UdpSinkCounter();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listening {sink.EndPoint.Port}"));
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts is ["wait", var expected, var start])
            {
                var report = sink.WaitForQuiet(long.Parse(expected, CultureInfo.InvariantCulture), long.Parse(start, CultureInfo.InvariantCulture));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"received {report.Received} elapsed_ticks {report.Elapsed.Ticks} receive_cpu_ns {report.ReceiveCpuNanoseconds:F0}"));
            }
        }
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
