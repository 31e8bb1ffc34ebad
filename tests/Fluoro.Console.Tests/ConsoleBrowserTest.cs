using Microsoft.Playwright;

namespace Fluoro.Console.Tests;

/// <summary>Base for browser tests: a fresh fake API, a fresh light-theme page, and a record of browser errors.</summary>
public abstract class ConsoleBrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private IBrowserContext? _context;

    internal FakeAwsApi Api { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected List<string> BrowserErrors { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Api = await FakeAwsApi.StartAsync();
        _context = await browser.NewConsoleContextAsync(Api.BaseUrl, acceptDownloads: true);
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                BrowserErrors.Add($"console: {message.Text}");
            }
        };
        Page.PageError += (_, error) => BrowserErrors.Add($"page error: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        await Api.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Task OpenAsync(string hashRoute) => Page.GotoAsync("/#" + hashRoute);

    /// <summary>Screenshots go to docs/images when FLUORO_UPDATE_SCREENSHOTS=1, else to a scratch folder.</summary>
    protected async Task<string> ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("FLUORO_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(Fluoro.Testing.TestPaths.RepositoryRoot, "docs", "images")
            : Path.Combine(Path.GetTempPath(), "fluoro-console-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }
}
