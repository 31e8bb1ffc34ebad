using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fluoro.Console.Tests;

public sealed class FunctionsTests(BrowserFixture browser) : ConsoleBrowserTest(browser)
{
    [Fact]
    public async Task FunctionList_ShowsRuntimeHandlerAndTracingMode()
    {
        await OpenAsync("/functions");

        await Expect(Page.Locator("#function-list tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.Locator("tr[data-function='hello']")).ToContainTextAsync("nodejs20.x");
        await Expect(Page.Locator("tr[data-function='hello']")).ToContainTextAsync("PassThrough");
        await Expect(Page.Locator("tr[data-function='worker']")).ToContainTextAsync("Active");
        Assert.Single(Api.RequestsTo("GET", "/2015-03-31/functions"));
    }

    [Fact]
    public async Task ActiveTracingSwitch_SendsUpdateFunctionConfiguration()
    {
        // The documented steps: open the function, choose Configuration, under AWS X-Ray enable Active tracing.
        await OpenAsync("/functions");
        await Page.GetByRole(AriaRole.Link, new() { Name = "hello" }).ClickAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Configuration" }).ClickAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Monitoring and operations tools" }).ClickAsync();
        var toggle = Page.GetByRole(AriaRole.Switch, new() { Name = "Active tracing" });
        await Expect(toggle).Not.ToBeCheckedAsync();

        await toggle.CheckAsync();

        await Expect(Page.Locator(".tracing-status")).ToContainTextAsync("tracing mode is Active");
        var put = Assert.Single(Api.RequestsTo("PUT", "/2015-03-31/functions/hello/configuration"));
        using (var body = JsonDocument.Parse(put.Body))
        {
            Assert.Equal("Active", body.RootElement.GetProperty("TracingConfig").GetProperty("Mode").GetString());
            Assert.Single(body.RootElement.EnumerateObject());
        }

        await toggle.UncheckAsync();
        await Expect(Page.Locator(".tracing-status")).ToContainTextAsync("tracing mode is PassThrough");
        var last = Api.RequestsTo("PUT", "/2015-03-31/functions/hello/configuration").Last();
        Assert.Contains("\"Mode\":\"PassThrough\"", last.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActiveTracing_CanBeFoundByItsVisibleWords()
    {
        // Someone following the written steps clicks on words, not roles; each word must point at one element.
        await OpenAsync("/functions");
        await Page.GetByRole(AriaRole.Link, new() { Name = "worker" }).ClickAsync();
        await Page.GetByText("Configuration").ClickAsync();
        await Page.GetByText("Monitoring and operations tools").ClickAsync();
        await Expect(Page.GetByText("AWS X-Ray")).ToBeVisibleAsync();
        var toggle = Page.GetByLabel("Active tracing");
        await Expect(toggle).ToBeCheckedAsync();

        await Page.GetByText("Active tracing").ClickAsync();

        await Expect(Page.Locator(".tracing-status")).ToContainTextAsync("tracing mode is PassThrough");
        var put = Assert.Single(Api.RequestsTo("PUT", "/2015-03-31/functions/worker/configuration"));
        Assert.Equal("{\"TracingConfig\":{\"Mode\":\"PassThrough\"}}", put.Body);
    }

    [Fact]
    public async Task TestTab_InvokesWithLogTail_AndLinksTheTrace()
    {
        await OpenAsync("/functions/hello?tab=test");
        await Page.Locator("#test-event").FillAsync("{\"name\":\"world\"}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();

        await Expect(Page.Locator("#invoke-response")).ToContainTextAsync("\"greeting\": \"hello world\"");
        await Expect(Page.Locator("#invoke-logs")).ToContainTextAsync("hello from hello");
        await Expect(Page.Locator("#invoke-trace-link")).ToHaveAttributeAsync("href", $"#/traces/{SeedData.CheckoutTrace}");
        var invoke = Assert.Single(Api.RequestsTo("POST", "/2015-03-31/functions/hello/invocations"));
        Assert.Equal("Tail", invoke.Headers["X-Amz-Log-Type"]);
        Assert.Equal("{\"name\":\"world\"}", invoke.Body);

        await Page.Locator("#invoke-trace-link").ClickAsync();
        await Expect(Page.Locator(".tl-row").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnknownFunction_ShowsTheApiErrorInPlace()
    {
        await OpenAsync("/functions/nope");

        await Expect(Page.Locator(".alert")).ToContainTextAsync("ResourceNotFoundException");
        await Expect(Page.Locator(".alert")).ToContainTextAsync("Function not found");
    }
}
