using Microsoft.Playwright;

namespace Fluoro.Console.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright: no browser download, the flags keep it quiet and offline.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; install it with `apt-get install -y chromium`.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumFlags,
            Timeout = 30_000,
        });
    }

    /// <summary>A fresh context as every console test sees it: the console's base URL, light theme, a wide viewport.</summary>
    public async Task<IBrowserContext> NewConsoleContextAsync(string baseUrl, bool acceptDownloads = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.TrimEnd('/'),
            ColorScheme = ColorScheme.Light,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = acceptDownloads,
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
