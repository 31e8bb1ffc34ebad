using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Fluoro.LoadGen;
using Fluoro.Server;
using Microsoft.Extensions.Logging;

// Sends X-Ray segment datagrams at a target rate to a daemon and reports sent vs stored from /_fluoro/health.
//   dotnet run -c Release --project tools/Fluoro.LoadGen -- --rate 100000 --seconds 10 --size 1000
//   ... --daemon 127.0.0.1:2000 --health http://127.0.0.1:4566   (against a running `fluoro up`; default: in-process server)
var settings = Args.Parse(args);
FluoroServer? server = null;
string? scratch = null;
if (settings.Daemon is null)
{
    scratch = Path.Combine(Path.GetTempPath(), "fluoro-loadgen-" + Guid.NewGuid().ToString("N"));
    server = await FluoroServer.StartAsync(new FluoroServerOptions
    {
        HttpEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
        DaemonEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
        DataDirectory = scratch,
        DaemonBufferMb = settings.BufferMb,
        DaemonBatchSize = settings.Batch,
        ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
    });
    settings = settings with { Daemon = server.DaemonUdpEndpoint, Health = server.HttpEndpoint };
}

using var http = new HttpClient { BaseAddress = settings.Health };
var before = await Health.ReadAsync(http);
var template = new SegmentTemplate(settings.Size, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
Console.WriteLine($"Sending {settings.Rate:N0} segments/s of {template.Length} bytes for {settings.Seconds} s to {settings.Daemon} ({settings.Senders} sender(s))");

var perSender = settings.Rate / settings.Senders;
var clock = Stopwatch.StartNew();
var sent = new long[settings.Senders];
var threads = Enumerable.Range(0, settings.Senders).Select(g => new Thread(() =>
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    socket.SendBufferSize = 4 * 1024 * 1024;
    socket.Connect(settings.Daemon!);
    var own = new SegmentTemplate(settings.Size, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    var total = (long)perSender * settings.Seconds;
    long count = 0;
    while (count < total)
    {
        // Pace against the wall clock in 1 ms slices so short stalls are caught up, not lost.
        var due = (long)(clock.Elapsed.TotalSeconds * perSender);
        if (count >= due)
        {
            Thread.Yield();
            continue;
        }

        while (count < due && count < total)
        {
            socket.Send(own.For(count, g));
            count++;
        }
    }

    sent[g] = count;
}) { IsBackground = true }).ToList();
threads.ForEach(t => t.Start());
threads.ForEach(t => t.Join());
var sendSeconds = clock.Elapsed.TotalSeconds;
var totalSent = sent.Sum();

// Wait for the pipeline to settle: everything received is stored, dropped or rejected.
Health.Counters after;
var settleStart = clock.Elapsed;
long lastStored = -1;
while (true)
{
    await Task.Delay(250);
    after = await Health.ReadAsync(http);
    var settled = after.Queued == 0 && after.Received - before.Received == (after.Stored - before.Stored) + (after.Dropped - before.Dropped) + (after.Rejected - before.Rejected) + (after.Failed - before.Failed) + (after.Unprocessed - before.Unprocessed);
    if ((settled && after.Stored == lastStored) || clock.Elapsed - settleStart > TimeSpan.FromSeconds(60))
    {
        break;
    }

    lastStored = after.Stored;
}

var totalSeconds = clock.Elapsed.TotalSeconds;
var received = after.Received - before.Received;
var stored = after.Stored - before.Stored;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    sent        {totalSent,12:N0}  ({totalSent / sendSeconds:N0}/s over {sendSeconds:F1} s)
    received    {received,12:N0}  (lost in the kernel: {totalSent - received:N0})
    stored      {stored,12:N0}  ({stored / totalSeconds:N0}/s until settled at {totalSeconds:F1} s)
    dropped     {after.Dropped - before.Dropped,12:N0}  (daemon buffer full)
    rejected    {after.Rejected - before.Rejected,12:N0}
    failed      {after.Failed - before.Failed,12:N0}
    loss        {(totalSent - stored) * 100.0 / Math.Max(1, totalSent):F3} %
    """));

if (server is not null)
{
    await server.DisposeAsync();
    Directory.Delete(scratch!, recursive: true);
}

return stored == totalSent ? 0 : 1;

/// <summary>Command-line settings.</summary>
internal sealed record Args(int Rate, int Seconds, int Size, int Senders, int BufferMb, int Batch, IPEndPoint? Daemon, Uri? Health)
{
    public static Args Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Args(
            Int("rate", 100_000),
            Int("seconds", 10),
            Int("size", 1000),
            Int("senders", 1),
            Int("buffer-mb", 256),
            Int("batch", 1000),
            map.TryGetValue("daemon", out var d) ? IPEndPoint.Parse(d) : null,
            map.TryGetValue("health", out var h) ? new Uri(h) : null);
    }
}

/// <summary>Reads the daemon counters from /_fluoro/health.</summary>
internal static class Health
{
    public sealed record Counters(long Received, long Rejected, long Dropped, long Stored, long Unprocessed, long Failed, long Queued);

    public static async Task<Counters> ReadAsync(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/_fluoro/health", UriKind.Relative)));
        var d = json.RootElement.GetProperty("daemon");
        return new Counters(
            d.GetProperty("received").GetInt64(),
            d.GetProperty("rejected").GetInt64(),
            d.GetProperty("dropped").GetInt64(),
            d.GetProperty("stored").GetInt64(),
            d.GetProperty("unprocessed").GetInt64(),
            d.GetProperty("failed").GetInt64(),
            d.GetProperty("queued").GetInt64());
    }
}
