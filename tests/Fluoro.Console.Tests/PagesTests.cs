using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fluoro.Console.Tests;

public sealed class PagesTests(BrowserFixture browser) : ConsoleBrowserTest(browser)
{
    [Fact]
    public async Task EveryPage_LoadsWithoutBrowserErrors()
    {
        (string Route, string Ready, string Screenshot)[] pages =
        [
            ("/map", "svg.map g.node", "service-map"),
            ("/traces", "#trace-list tbody tr[data-trace-id]", "traces"),
            ($"/traces/{SeedData.CheckoutTrace}", ".tl-row", "trace-timeline"),
            ("/functions", "#function-list tbody tr", "functions"),
            ("/functions/hello?tab=configuration", "#active-tracing", "function-configuration"),
            ("/functions/hello?tab=test", "#test-event", "function-test"),
            ("/functions/hello?tab=monitor", ".notice", "function-monitor"),
            ("/sampling", "#rule-list tbody tr", "sampling-rules"),
            ("/groups", ".notice", "groups"),
            ("/health", "[data-section='daemon']", "health"),
        ];

        foreach (var (route, ready, screenshot) in pages)
        {
            await OpenAsync(route);
            await Expect(Page.Locator(ready).First).ToBeVisibleAsync();
            await Expect(Page.Locator(".alert")).ToHaveCountAsync(0);
            var file = await ScreenshotAsync(screenshot);
            Assert.True(new FileInfo(file).Length > 10_000, $"{screenshot} screenshot is suspiciously small");
        }

        Assert.Empty(BrowserErrors);
    }

    [Fact]
    public async Task ThemeToggle_SwitchesToDark_AndRemembersIt()
    {
        await OpenAsync("/health");
        await Expect(Page.Locator("[data-section='daemon']")).ToBeVisibleAsync();
        var lightBackground = await Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        var darkBackground = await Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.NotEqual(lightBackground, darkBackground);
        await Page.ReloadAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");

        await OpenAsync($"/traces/{SeedData.CheckoutTrace}");
        await Expect(Page.Locator(".tl-row").First).ToBeVisibleAsync();
        await ScreenshotAsync("trace-timeline-dark");
        Assert.Empty(BrowserErrors);
    }

    [Fact]
    public async Task HealthPage_ShowsDaemonCountersAndStore()
    {
        await OpenAsync("/health");

        await Expect(Page.Locator("[data-section='daemon'] dd[data-key='received']")).ToHaveTextAsync("1,200");
        await Expect(Page.Locator("[data-section='daemon'] dd[data-key='dropped']")).ToHaveTextAsync("0");
        await Expect(Page.Locator("[data-section='store'] dd[data-key='sizeBytes']")).ToContainTextAsync("7.0 MB");
        await Expect(Page.Locator("[data-section='retention']")).ToContainTextAsync("24");
    }

    [Fact]
    public async Task UnknownRoute_SaysSo()
    {
        await OpenAsync("/nowhere");

        await Expect(Page.Locator("h1")).ToHaveTextAsync("Not found");
    }
}
