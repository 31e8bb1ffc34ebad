using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fluoro.ConsoleLoad;
using Fluoro.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

// Console render figures: seeds N traces over several services (plus one trace of 5,000 subsegments) into a real
// server, then opens the map, the trace list and the big trace in Chromium and reports navigation -> labels visible.
//   dotnet run -c Release --project tools/Fluoro.ConsoleLoad -- [--traces 10000] [--runs 5] [--settle 20] [--endpoint http://127.0.0.1:4566]
// Without --endpoint an in-process server on free ports (fresh temporary data directory) is used, and "process CPU"
// is the CPU time of this process (server + client) during each request or navigation.
var traces = IntArg("--traces", 10_000);
var runs = IntArg("--runs", 5);
var endpointText = StringArg("--endpoint");
var settle = IntArg("--settle", 20);

FluoroServer? server = null;
Uri endpoint;
if (endpointText is null)
{
    server = await FluoroServer.StartAsync(new FluoroServerOptions
    {
        HttpEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
        DaemonEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
        DataDirectory = Path.Combine(Path.GetTempPath(), "fluoro-consoleload-" + Guid.NewGuid().ToString("N")),
        ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
    });
    endpoint = server.HttpEndpoint;
}
else
{
    endpoint = new Uri(endpointText.TrimEnd('/') + "/");
}

try
{
    using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromMinutes(2) };
    var seeder = new Seeder(http);
    var clock = Stopwatch.StartNew();
    var bigTrace = await seeder.SeedAsync(traces);
    Console.WriteLine($"Seeded {traces:N0} traces ({seeder.Documents:N0} documents) and one trace of 5,000 subsegments in {clock.Elapsed.TotalSeconds:F1} s; load {Load()}");

    // Background work after a burst (store checkpoints, the service graph's per-minute rollups) settles first.
    await Task.Delay(TimeSpan.FromSeconds(settle));
    Console.WriteLine($"Waited {settle} s for background work to settle; load {Load()}");
    await MeasureApisAsync(http, bigTrace, runs);

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = endpoint.ToString().TrimEnd('/'),
        ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
    });
    context.SetDefaultTimeout(60_000);
    await context.AddInitScriptAsync(Marker.Script);

    var pages = new (string Name, string Route, string Selector, string Api)[]
    {
        ("Service map", "/#/map?range=3600", "svg.map text.node-name", "/ServiceGraph"),
        ("Trace list", "/#/traces?range=3600", "#trace-list tbody tr[data-trace-id]", "/TraceSummaries"),
        ("Trace, 5,000 subsegments", $"/#/traces/{bigTrace}", ".tl-row", "/Traces"),
    };
    foreach (var (name, route, selector, api) in pages)
    {
        var visible = new List<double>();
        var apiEnd = new List<double>();
        var apiStart = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            var page = await context.NewPageAsync();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await page.GotoAsync(route);
            var seen = await page.WaitForFunctionAsync("sel => window.__fluoroSeen && window.__fluoroSeen[sel]", selector);
            var ms = await seen.JsonValueAsync<double>();
            var cpuAfter = Process.GetCurrentProcess().TotalProcessorTime;
            var end = await page.EvaluateAsync<double>(
                "api => Math.max(0, ...performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === api).map(e => e.responseEnd))", api);
            var begin = await page.EvaluateAsync<double>(
                "api => Math.min(...performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === api).map(e => e.startTime))", api);
            if (i == 0)
            {
                // What the page says it shows (map: "N nodes, M edges"; trace: "1 segments, 5001 entities").
                var said = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('#view .toolbar > span, #view .toolbar > div')].map(e => e.textContent).filter(t => /nodes|entities|traces/.test(t)).join('; ')");
                Console.WriteLine($"{name}: {said}");
            }

            await page.CloseAsync();
            if (i == 0)
            {
                continue; // warm-up: the first visit compiles the modules and warms the server's caches
            }

            visible.Add(ms);
            apiEnd.Add(end);
            apiStart.Add(begin);
            cpu.Add((cpuAfter - cpuBefore).TotalMilliseconds);
        }

        var after = visible.Zip(apiEnd, (v, e) => v - e).ToList();
        Console.WriteLine(
            $"{name,-26} navigation -> labels visible: median {Median(visible),6:F0} ms, min {visible.Min(),6:F0} ms; " +
            $"API ({api}) asked at median {Median(apiStart),5:F0} ms, last answer at {Median(apiEnd),5:F0} ms; drawing after it: median {Median(after),4:F0} ms" +
            (server is null ? string.Empty : $"; process CPU {Median(cpu),5:F0} ms") +
            $"  (runs: {string.Join(", ", visible.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))})");
    }

    Console.WriteLine("After the browser runs:");
    await MeasureApisAsync(http, bigTrace, runs);
    Console.WriteLine($"load {Load()}");
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}

static async Task MeasureApisAsync(HttpClient http, string bigTrace, int runs)
{
    // The API alone, for comparison with what the browser adds; the same window the console asks for.
    var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    var window = $"{{\"StartTime\":{now - 3600},\"EndTime\":{now + 60}}}";
    foreach (var (name, path, body) in new[] { ("ServiceGraph", "/ServiceGraph", window), ("TraceSummaries", "/TraceSummaries", window.TrimEnd('}') + ",\"Sampling\":false}"), ("BatchGetTraces (big)", "/Traces", $"{{\"TraceIds\":[\"{bigTrace}\"]}}") })
    {
        var times = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var t = Stopwatch.StartNew();
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            t.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
            }

            times.Add(t.Elapsed.TotalMilliseconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        Console.WriteLine($"API {name,-22} median {Median(times),7:F0} ms  min {times.Min(),7:F0} ms  process CPU median {Median(cpu),6:F0} ms  (runs: {string.Join(", ", times.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))})");
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

int IntArg(string name, int fallback) => StringArg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? StringArg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
