using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fluoro.Server;
using Fluoro.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fluoro.Console.Tests;

/// <summary>
/// The console against a server started with --auth-keys: no data without the sign-in link, every page with it,
/// nothing for a request that has the cookie but not the console's header, and the AWS CLI still signs its way in.
/// </summary>
public sealed class SignInTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string KeyId = "AKIDCONSOLETEST01";
    private const string Secret = "console-test-secret-key";

    private readonly List<string> _pageErrors = [];
    private readonly double _now = Math.Floor(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
    private FluoroServer _server = null!;
    private HttpClient _http = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    private string TraceId => $"1-{((long)_now - 20).ToString("x8", CultureInfo.InvariantCulture)}-{new string('d', 24)}";

    public async ValueTask InitializeAsync()
    {
        var directory = TestPaths.NewScratchDirectory("fluoro-console-auth");
        var keys = Path.Combine(directory, "keys");
        await File.WriteAllTextAsync(keys, $"# test keys\n{KeyId} {Secret}\n", TestContext.Current.CancellationToken);
        _server = await FluoroServer.StartAsync(new FluoroServerOptions
        {
            HttpEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            DaemonEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            DataDirectory = Path.Combine(directory, "data"),
            AuthKeysFile = keys,
            ConfigureLogging = static logging => { },
        }, TestContext.Current.CancellationToken);
        _http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _server.HttpEndpoint };
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
    public async Task WithoutTheToken_TheConsoleShowsTheSignInPageAndNoData()
    {
        await SeedWithTheAwsCliAsync();

        await _page.GotoAsync("/#/traces");

        await Expect(_page.Locator("[data-page='login']")).ToBeVisibleAsync();
        await Expect(_page.Locator("#trace-list")).ToHaveCountAsync(0);
        if (Environment.GetEnvironmentVariable("FLUORO_UPDATE_SCREENSHOTS") == "1")
        {
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.RepositoryRoot, "docs", "images", "sign-in.png") });
        }

        Assert.DoesNotContain(TraceId, await _page.ContentAsync(), StringComparison.Ordinal);

        // A wrong token is refused and said so, in place.
        await _page.Locator("#login-token").FillAsync("0123456789abcdef0123456789abcdef");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(_page.Locator("[data-page='login'] .alert")).ToContainTextAsync("InvalidToken");
        Assert.Empty(await _context.CookiesAsync());

        // The API itself still refuses the unsigned request the page would have made.
        using var unsigned = await _http.PostAsync(new Uri("/TraceSummaries", UriKind.Relative), Json(new JsonObject { ["StartTime"] = _now - 600, ["EndTime"] = _now + 60 }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task TheSignInLink_OpensEveryPage()
    {
        await SeedWithTheAwsCliAsync();
        Assert.NotNull(_server.ConsoleLoginUrl);

        await _page.GotoAsync(_server.ConsoleLoginUrl!.ToString());

        await Expect(_page.Locator("svg.map text.node-name").Filter(new() { HasText = "checkout-api" }).First).ToBeVisibleAsync();
        Assert.DoesNotContain("t=", _page.Url, StringComparison.Ordinal);
        var cookie = Assert.Single(await _context.CookiesAsync());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        (string Route, string Ready)[] pages =
        [
            ("/traces", $"tr[data-trace-id='{TraceId}']"),
            ($"/traces/{TraceId}", ".tl-row"),
            ("/functions", "h1"),
            ("/sampling", "#rule-list tbody tr"),
            ("/groups", "h1"),
            ("/health", "[data-section='daemon']"),
        ];
        foreach (var (route, ready) in pages)
        {
            await _page.GotoAsync("/#" + route);
            await Expect(_page.Locator(ready).First).ToBeVisibleAsync();
            await Expect(_page.Locator("[data-page='login']")).ToHaveCountAsync(0);
            await Expect(_page.Locator(".alert")).ToHaveCountAsync(0);
        }

        // A group made in the signed-in console is real: the AWS CLI, signing with the key, sees it.
        await _page.GotoAsync("/#/groups");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await _page.GetByLabel("Group name").FillAsync("from-console");
        await _page.GetByLabel("Group filter expression").FillAsync("service(\"checkout-api\")");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Expect(_page.Locator("tr[data-group='from-console']")).ToBeVisibleAsync();
        var groups = await AwsCli.RunWithKeysAsync(_server.HttpEndpoint, KeyId, Secret, "xray", "get-groups");
        Assert.True(groups.ExitCode == 0, groups.Stderr);
        Assert.Contains("from-console", groups.Stdout, StringComparison.Ordinal);

        // Signing out ends the session: back to the sign-in page.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(_page.Locator("[data-page='login']")).ToBeVisibleAsync();
        await _page.GotoAsync("/#/traces");
        await Expect(_page.Locator("[data-page='login']")).ToBeVisibleAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task TheTokenPastedOnTheSignInPage_SignsIn()
    {
        await _page.GotoAsync("/login");
        await Expect(_page.Locator("[data-page='login']")).ToBeVisibleAsync();

        // The whole link pasted is as good as the token alone.
        await _page.Locator("#login-token").FillAsync(_server.ConsoleLoginUrl!.ToString());
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(_page.Locator("svg.map, .empty, .notice").First).ToBeVisibleAsync();
        await Expect(_page.Locator("[data-page='login']")).ToHaveCountAsync(0);
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task TheSessionCookieWithoutTheConsoleHeader_IsRefused()
    {
        await _page.GotoAsync(_server.ConsoleLoginUrl!.ToString());
        var cookie = Assert.Single(await _context.CookiesAsync());
        var cookieHeader = $"{cookie.Name}={cookie.Value}";

        // What a cross-site form post would carry at best: the cookie, a simple content type, no custom header.
        var body = """{"GroupName":"cross-site","FilterExpression":"service(\"x\")"}""";
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/CreateGroup") { Content = new StringContent(body, Encoding.UTF8, "text/plain") })
        {
            request.Headers.Add("Cookie", cookieHeader);
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // The header without the cookie is nothing either.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/CreateGroup") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        {
            request.Headers.Add("X-Fluoro-Console", "1");
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // A real cross-site page in the same browser: its form reaches the server without the header (and, being
        // SameSite=Strict, without the cookie) and is refused.
        var attacker = await _context.NewPageAsync();
        await attacker.GotoAsync("about:blank");
        const string FieldName = "{\"GroupName\":\"cross-site\",\"FilterExpression\":\"service(\\\"x\\\")\",\"pad\":\"";
        await attacker.SetContentAsync(
            $"<form id='f' method='post' enctype='text/plain' action='{_server.HttpEndpoint}CreateGroup'>" +
            $"<input name='{FieldName}' value='\"}}'></form>");
        var navigation = attacker.WaitForResponseAsync(r => r.Url.EndsWith("/CreateGroup", StringComparison.Ordinal));
        await attacker.EvalOnSelectorAsync("#f", "f => f.submit()");
        var answer = await navigation;
        Assert.Equal(403, answer.Status);

        var groups = await AwsCli.RunWithKeysAsync(_server.HttpEndpoint, KeyId, Secret, "xray", "get-groups");
        Assert.True(groups.ExitCode == 0, groups.Stderr);
        Assert.DoesNotContain("cross-site", groups.Stdout, StringComparison.Ordinal);

        // The same cookie with the header is accepted: the refusals above were about the header.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/Groups") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            request.Headers.Add("Cookie", cookieHeader);
            request.Headers.Add("X-Fluoro-Console", "1");
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task TheAwsCli_WorksWithTheRightKeys_AndIsRefusedWithWrongOnes()
    {
        var right = await AwsCli.RunWithKeysAsync(_server.HttpEndpoint, KeyId, Secret, "xray", "get-sampling-rules");
        Assert.True(right.ExitCode == 0, right.Stderr);
        Assert.Contains("Default", right.Stdout, StringComparison.Ordinal);

        var wrongSecret = await AwsCli.RunWithKeysAsync(_server.HttpEndpoint, KeyId, "not-the-secret", "xray", "get-sampling-rules");
        Assert.NotEqual(0, wrongSecret.ExitCode);
        Assert.Contains("InvalidSignatureException", wrongSecret.Stderr, StringComparison.Ordinal);

        var unknownKey = await AwsCli.RunWithKeysAsync(_server.HttpEndpoint, "AKIDUNKNOWN", Secret, "lambda", "list-functions");
        Assert.NotEqual(0, unknownKey.ExitCode);
        Assert.Contains("UnrecognizedClientException", unknownKey.Stderr, StringComparison.Ordinal);
    }

    private async Task SeedWithTheAwsCliAsync()
    {
        var start = _now - 20;
        var frontend = new JsonObject
        {
            ["name"] = "checkout-api", ["id"] = "d000000000000001", ["trace_id"] = TraceId, ["start_time"] = start, ["end_time"] = start + 0.3,
            ["http"] = new JsonObject { ["request"] = new JsonObject { ["method"] = "POST", ["url"] = "http://shop.local/checkout" }, ["response"] = new JsonObject { ["status"] = 200 } },
            ["subsegments"] = new JsonArray(new JsonObject
            {
                ["name"] = "ledger", ["id"] = "d000000000000002", ["namespace"] = "remote", ["start_time"] = start + 0.05, ["end_time"] = start + 0.2,
            }),
        };
        var ledger = new JsonObject
        {
            ["name"] = "ledger", ["id"] = "d000000000000003", ["trace_id"] = TraceId, ["parent_id"] = "d000000000000002", ["start_time"] = start + 0.06, ["end_time"] = start + 0.19,
        };
        var put = await AwsCli.RunWithKeysAsync(_server.HttpEndpoint, KeyId, Secret, "xray", "put-trace-segments", "--trace-segment-documents", frontend.ToJsonString(), ledger.ToJsonString());
        Assert.True(put.ExitCode == 0, put.Stderr);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var batch = await AwsCli.RunWithKeysAsync(_server.HttpEndpoint, KeyId, Secret, "xray", "batch-get-traces", "--trace-ids", TraceId);
            Assert.True(batch.ExitCode == 0, batch.Stderr);
            if (batch.Stdout.Contains("d000000000000003", StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "seeded trace never became queryable: " + batch.Stdout);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
