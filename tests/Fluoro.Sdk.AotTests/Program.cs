using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Fluoro.Sampling;
using Fluoro.Sdk;
using Fluoro.Tracing;

// Exercises the SDK's reflection-free paths under Native AOT: local rules parsing, the centralized sampler's HTTP
// client (against a closed port), recording, serialization and UDP sending; then reads the documents back.
using var sink = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
var endPoint = (IPEndPoint)sink.Client.LocalEndPoint!;
int closedPort;
using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
{
    probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    closedPort = ((IPEndPoint)probe.LocalEndPoint!).Port;
}

var failures = new List<string>();
var rules = LocalSamplingRules.Parse("""{"version":2,"default":{"fixed_target":100,"rate":1}}""");
string traceId;
await using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
{
    ServiceName = "aot-app",
    Daemon = new DaemonAddress(endPoint, new IPEndPoint(IPAddress.Loopback, closedPort)),
    LambdaMode = false,
    LocalSamplingRules = rules,
}))
{
    if (tracer.Sampler is CentralizedSampler sampler)
    {
        // The tracer's own poll loop may have taken the first turn already (and made this call a no-op): give
        // whichever call is in flight a moment to be refused.
        await sampler.PollOnceAsync();
        var deadline = Stopwatch.StartNew();
        while (sampler.PollFailures == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        if (sampler.PollFailures == 0)
        {
            failures.Add("polling a closed port did not count a failure");
        }
    }
    else
    {
        failures.Add("default sampler is not the centralized sampler");
    }

    using (var root = new ActivitySource("aot").StartActivity("GET /", ActivityKind.Server))
    {
        if (root is not { Recorded: true })
        {
            failures.Add("root activity not recorded");
        }

        using (var sub = XRay.BeginSubsegment("work"))
        {
            sub.AddAnnotation("customer", "acme").AddAnnotation("n", 2L)
               .AddMetadata("order", new Dictionary<string, object> { ["lines"] = new[] { 1, 2 } }, "orders");
            try
            {
                throw new InvalidOperationException("boom");
            }
            catch (InvalidOperationException e)
            {
                sub.AddException(e);
            }
        }

        traceId = XRay.CurrentTraceId ?? "";
    }

    await tracer.FlushAsync();
}

var documents = new List<string>();
using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
{
    try
    {
        while (documents.Count < 2)
        {
            var datagram = await sink.ReceiveAsync(timeout.Token);
            documents.Add(Encoding.UTF8.GetString(datagram.Buffer));
        }
    }
    catch (OperationCanceledException)
    {
    }
}

if (documents.Count != 2)
{
    failures.Add($"expected 2 datagrams, got {documents.Count}");
}

foreach (var datagram in documents)
{
    var body = datagram[(datagram.IndexOf('\n', StringComparison.Ordinal) + 1)..];
    if (!body.Contains(traceId, StringComparison.Ordinal))
    {
        failures.Add("document without the trace id: " + body);
    }

    if (body.Contains("\"work\"", StringComparison.Ordinal)
        && !(body.Contains("\"customer\":\"acme\"", StringComparison.Ordinal) && body.Contains("\"lines\":[1,2]", StringComparison.Ordinal)
             && body.Contains("InvalidOperationException", StringComparison.Ordinal)))
    {
        failures.Add("subsegment lost annotations, metadata or cause: " + body);
    }
}

if (!Fluoro.Tracing.TraceId.TryParse(traceId, out _))
{
    failures.Add("bad trace id " + traceId);
}

foreach (var failure in failures)
{
    Console.Error.WriteLine("FAIL " + failure);
}

Console.WriteLine(failures.Count == 0 ? $"AOT OK ({documents.Count} documents, trace {traceId})" : "AOT FAILED");
return failures.Count == 0 ? 0 : 1;
