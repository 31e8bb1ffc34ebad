using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluoro.Server;
using Fluoro.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fluoro.Console.Tests;

/// <summary>
/// The console against the real composition root: data goes in through the public APIs and comes out in the page.
/// </summary>
public sealed class OnFluoroServerTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];
    private readonly double _now = Math.Floor(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
    private FluoroServer _server = null!;
    private HttpClient _http = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    private string CheckoutTrace => Id('a', _now - 90);

    private string FaultTrace => Id('b', _now - 60);

    private string InventoryTrace => Id('c', _now - 30);

    public async ValueTask InitializeAsync()
    {
        _server = await FluoroServer.StartAsync(new FluoroServerOptions
        {
            HttpEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            DaemonEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            DataDirectory = TestPaths.NewScratchDirectory("fluoro-console"),
            ConfigureLogging = static logging => { },
        }, TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _server.HttpEndpoint };
        _context = await browser.NewConsoleContextAsync(_server.HttpEndpoint.ToString());
        _page = await _context.NewPageAsync();
        _page.PageError += (_, error) => _pageErrors.Add(error);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TracesSentThroughPutTraceSegments_AreListedFilteredAndOpened()
    {
        await SeedTracesAsync();

        await _page.GotoAsync("/#/traces");
        var rows = _page.Locator("#trace-list tbody tr[data-trace-id]");
        await Expect(rows).ToHaveCountAsync(3);

        await _page.Locator("#filter-expression").FillAsync("service(\"payments\")");
        await _page.Locator("#filter-expression").PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(_page.Locator($"tr[data-trace-id='{CheckoutTrace}']")).ToBeVisibleAsync();

        await _page.Locator("#filter-expression").FillAsync("http.status = 503");
        await _page.Locator("#filter-expression").PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(_page.Locator($"tr[data-trace-id='{FaultTrace}']")).ToContainTextAsync("fault");

        await _page.Locator("#filter-expression").FillAsync("responsetime >>> 2");
        await _page.Locator("#filter-expression").PressAsync("Enter");
        await Expect(_page.Locator(".filter-error .alert")).ToContainTextAsync("InvalidRequestException");

        // The widest range choice must stay inside the API's 24-hour limit for one query.
        await _page.GotoAsync("/#/traces?range=86400");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(_page.Locator(".filter-error .alert")).ToHaveCountAsync(0);

        await _page.GotoAsync($"/#/traces/{CheckoutTrace}");
        await Expect(_page.Locator(".tl-row")).ToHaveCountAsync(3);
        var names = await _page.Locator(".tl-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.name + '|' + r.dataset.kind)");
        Assert.Equal(["web-frontend|segment", "payments|subsegment", "payments|segment"], names);
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task ServiceMap_DrawsTheSeededServices_AndOpensTheirTraces()
    {
        await SeedTracesAsync();

        await _page.GotoAsync("/#/map");

        var names = _page.Locator("svg.map text.node-name");
        await Expect(names.Filter(new() { HasText = "payments" }).First).ToBeVisibleAsync();
        var all = await names.AllTextContentsAsync();
        Assert.Contains("web-frontend", all);
        Assert.Contains("inventory", all);
        await Expect(_page.Locator("g.edge[data-from='web-frontend'][data-to='payments']")).ToHaveCountAsync(1);

        await _page.Locator("g.node[data-name='payments']").First.ClickAsync();
        await Expect(_page.Locator("#filter-expression")).ToHaveValueAsync("service(\"payments\")");
        await Expect(_page.Locator("#trace-list tbody tr[data-trace-id]")).ToHaveCountAsync(1);
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task GroupCreatedInTheUi_IsListedByTheApi()
    {
        await _page.GotoAsync("/#/groups");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await _page.GetByLabel("Group name").FillAsync("slow-checkout");
        await _page.GetByLabel("Group filter expression").FillAsync("service(\"web-frontend\") AND responsetime > 1");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();

        await Expect(_page.Locator("tr[data-group='slow-checkout']")).ToContainTextAsync("responsetime > 1");
        using var groups = await _http.PostAsync(new Uri("/Groups", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Contains("\"slow-checkout\"", await groups.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActiveTracingSwitch_ChangesTheFunctionsTracingMode()
    {
        using (var create = await _http.PostAsJsonAsync("/2015-03-31/functions", new JsonObject
        {
            ["FunctionName"] = "console-demo",
            ["Runtime"] = "nodejs20.x",
            ["Role"] = "arn:aws:iam::000000000000:role/lambda-role",
            ["Handler"] = "index.handler",
            ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(HandlerZip()) },
        }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        }

        await _page.GotoAsync("/#/functions");
        await _page.GetByRole(AriaRole.Link, new() { Name = "console-demo" }).ClickAsync();
        await _page.GetByRole(AriaRole.Tab, new() { Name = "Configuration" }).ClickAsync();
        await _page.GetByRole(AriaRole.Tab, new() { Name = "Monitoring and operations tools" }).ClickAsync();
        await _page.GetByRole(AriaRole.Switch, new() { Name = "Active tracing" }).CheckAsync();
        await Expect(_page.Locator(".tracing-status")).ToContainTextAsync("tracing mode is Active");

        using var config = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/2015-03-31/functions/console-demo/configuration", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal("Active", config.RootElement.GetProperty("TracingConfig").GetProperty("Mode").GetString());
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task SamplingRuleCreatedInTheUi_ReachesTheApi_AndBadInputShowsTheApisMessage()
    {
        await _page.GotoAsync("/#/sampling");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();
        await _page.GetByLabel("Rule name").FillAsync("console-rule");
        await _page.GetByLabel("Priority").FillAsync("42");
        await _page.GetByLabel("Service name").FillAsync("web-frontend");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();

        await Expect(_page.Locator("tr[data-rule='console-rule']")).ToContainTextAsync("web-frontend");
        using (var rules = await _http.PostAsync(new Uri("/GetSamplingRules", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken))
        {
            using var doc = JsonDocument.Parse(await rules.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var rule = doc.RootElement.GetProperty("SamplingRuleRecords").EnumerateArray()
                .Select(r => r.GetProperty("SamplingRule")).Single(r => r.GetProperty("RuleName").GetString() == "console-rule");
            Assert.Equal(42, rule.GetProperty("Priority").GetInt32());
            Assert.Equal("web-frontend", rule.GetProperty("ServiceName").GetString());
        }

        await _page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();
        await _page.GetByLabel("Rule name").FillAsync("out-of-range");
        await _page.GetByLabel("Priority").FillAsync("0");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();

        await Expect(_page.Locator("#rule-form .alert")).ToContainTextAsync("InvalidRequestException");
        await Expect(_page.Locator("tr[data-rule='out-of-range']")).ToHaveCountAsync(0);
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task EveryPage_RendersDataOrTheApisError()
    {
        await SeedTracesAsync();
        (string Route, string Ready)[] pages =
        [
            ("/map", "svg.map, #view .alert, #view .notice"),
            ("/traces", "#trace-list tbody tr[data-trace-id]"),
            ($"/traces/{InventoryTrace}", ".tl-row"),
            ("/functions", "#function-list, #view .notice"),
            ("/sampling", "#rule-list, #view .alert"),
            ("/groups", "#group-list, #view .notice, #view .alert"),
            ("/health", "[data-section='daemon'] dd[data-key='received']"),
        ];
        foreach (var (route, ready) in pages)
        {
            await _page.GotoAsync("/#" + route);
            await Expect(_page.Locator(ready).First).ToBeVisibleAsync();
        }

        await Expect(_page.Locator("[data-section='store']")).ToBeVisibleAsync();
        Assert.Empty(_pageErrors);
    }

    private async Task SeedTracesAsync()
    {
        var frontendStart = _now - 90;
        string[] documents =
        [
            Doc(new JsonObject
            {
                ["name"] = "web-frontend", ["id"] = "a000000000000001", ["trace_id"] = CheckoutTrace,
                ["start_time"] = frontendStart, ["end_time"] = frontendStart + 0.25,
                ["http"] = new JsonObject { ["request"] = new JsonObject { ["method"] = "GET", ["url"] = "http://shop.local/checkout" }, ["response"] = new JsonObject { ["status"] = 200 } },
                ["subsegments"] = new JsonArray(new JsonObject
                {
                    ["name"] = "payments", ["id"] = "a000000000000002", ["namespace"] = "remote", ["start_time"] = frontendStart + 0.05, ["end_time"] = frontendStart + 0.2,
                    ["http"] = new JsonObject { ["request"] = new JsonObject { ["method"] = "POST", ["url"] = "http://payments.local/charge" }, ["response"] = new JsonObject { ["status"] = 200 } },
                }),
            }),
            Doc(new JsonObject
            {
                ["name"] = "payments", ["id"] = "a000000000000003", ["trace_id"] = CheckoutTrace, ["parent_id"] = "a000000000000002",
                ["start_time"] = frontendStart + 0.06, ["end_time"] = frontendStart + 0.19,
            }),
            Doc(new JsonObject
            {
                ["name"] = "web-frontend", ["id"] = "b000000000000001", ["trace_id"] = FaultTrace, ["start_time"] = _now - 60, ["end_time"] = _now - 58.5, ["fault"] = true,
                ["http"] = new JsonObject { ["request"] = new JsonObject { ["method"] = "POST", ["url"] = "http://shop.local/pay" }, ["response"] = new JsonObject { ["status"] = 503 } },
            }),
            Doc(new JsonObject
            {
                ["name"] = "inventory", ["id"] = "c000000000000001", ["trace_id"] = InventoryTrace, ["start_time"] = _now - 30, ["end_time"] = _now - 29.97,
                ["annotations"] = new JsonObject { ["sku"] = "A-100" },
            }),
        ];
        using var put = await _http.PostAsJsonAsync("/TraceSegments", new JsonObject { ["TraceSegmentDocuments"] = new JsonArray(documents.Select(d => (JsonNode)d).ToArray()) }, TestContext.Current.CancellationToken);
        var answer = await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(put.IsSuccessStatusCode, answer);
        Assert.DoesNotContain("\"Id\"", answer, StringComparison.Ordinal);

        // Ingest may be asynchronous: wait until the API itself lists all three traces.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var summaries = await _http.PostAsJsonAsync("/TraceSummaries", new JsonObject { ["StartTime"] = _now - 3600, ["EndTime"] = _now + 60 }, TestContext.Current.CancellationToken);
            var text = await summaries.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (text.Contains(CheckoutTrace, StringComparison.Ordinal) && text.Contains(FaultTrace, StringComparison.Ordinal) && text.Contains(InventoryTrace, StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "seeded traces never became queryable: " + text);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static string Doc(JsonObject document) => document.ToJsonString();

    private static string Id(char fill, double start) =>
        $"1-{((long)start).ToString("x8", CultureInfo.InvariantCulture)}-{new string(fill, 24)}";

    private static byte[] HandlerZip() =>
        TestZip.FromText(("index.mjs", "export const handler = async (event) => ({ ok: true, event });\n"));
}
