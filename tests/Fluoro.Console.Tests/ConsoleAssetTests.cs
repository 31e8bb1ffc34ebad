using System.Net;

namespace Fluoro.Console.Tests;

public sealed class ConsoleAssetTests
{
    [Fact]
    public async Task Root_ServesThePage_WithContentSecurityPolicy()
    {
        await using var api = await FakeAwsApi.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };

        using var response = await http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("connect-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("/console/app.js", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/console/app.js", "text/javascript")]
    [InlineData("/console/pages/trace.js", "text/javascript")]
    [InlineData("/console/app.css", "text/css")]
    [InlineData("/console/favicon.svg", "image/svg+xml")]
    public async Task Assets_AreServedWithTheirContentType(string path, string mediaType)
    {
        await using var api = await FakeAwsApi.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task MatchingETag_AnswersNotModified_AndUnknownFile_AnswersNotFound()
    {
        await using var api = await FakeAwsApi.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };
        var ct = TestContext.Current.CancellationToken;

        using var first = await http.GetAsync(new Uri("/console/app.js", UriKind.Relative), ct);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/console/app.js");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var second = await http.SendAsync(conditional, ct);
        using var missing = await http.GetAsync(new Uri("/console/no-such-file.js", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void EveryModuleTheShellImports_IsEmbedded()
    {
        var assets = ConsoleAssets.Shared;
        foreach (var path in new[] { "index.html", "console/app.js", "console/api.js", "console/dom.js", "console/router.js", "console/model.js",
                     "console/layout.js", "console/histogram.js", "console/store.js", "console/range.js", "console/pages/map.js",
                     "console/pages/traces.js", "console/pages/trace.js", "console/pages/functions.js", "console/pages/function.js",
                     "console/pages/sampling.js", "console/pages/groups.js", "console/pages/health.js", "console/pages/login.js" })
        {
            Assert.True(assets.TryGet(path, out var asset), path);
            Assert.NotEmpty(asset.Content);
        }
    }

    [Fact]
    public void ThePagePreloadsEveryModule_AndEveryPreloadExists()
    {
        var assets = ConsoleAssets.Shared;
        Assert.True(assets.TryGet("index.html", out var page));
        var html = System.Text.Encoding.UTF8.GetString(page.Content);
        var preloaded = System.Text.RegularExpressions.Regex.Matches(html, "<link rel=\"modulepreload\" href=\"/(console/[^\"]+)\">")
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var modules = Directory.EnumerateFiles(Path.Combine(Fluoro.Testing.TestPaths.RepositoryRoot, "src", "Fluoro.Console", "wwwroot", "console"), "*.js", SearchOption.AllDirectories)
            .Select(f => "console/" + Path.GetRelativePath(Path.Combine(Fluoro.Testing.TestPaths.RepositoryRoot, "src", "Fluoro.Console", "wwwroot", "console"), f).Replace('\\', '/'))
            .Where(m => m != "console/app.js")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(modules.Order(), preloaded.Order());
        foreach (var path in preloaded)
        {
            Assert.True(assets.TryGet(path, out _), path);
        }
    }
}
