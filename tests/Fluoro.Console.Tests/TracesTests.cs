using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fluoro.Console.Tests;

public sealed class TracesTests(BrowserFixture browser) : ConsoleBrowserTest(browser)
{
    private ILocator Rows => Page.Locator("#trace-list tbody tr[data-trace-id]");

    [Fact]
    public async Task FilterExpression_NarrowsTheList()
    {
        await OpenAsync("/traces");
        await Expect(Rows).ToHaveCountAsync(3);
        await Expect(Page.Locator($"tr[data-trace-id='{SeedData.CheckoutTrace}']")).ToContainTextAsync("customer=alice");

        await Page.Locator("#filter-expression").FillAsync("service(\"payments\")");
        await Page.Locator("#filter-expression").PressAsync("Enter");

        await Expect(Rows).ToHaveCountAsync(2);
        await Expect(Page.Locator($"tr[data-trace-id='{SeedData.NotFoundTrace}']")).ToHaveCountAsync(0);
        var sent = Api.RequestsTo("POST", "/TraceSummaries").Last();
        Assert.Equal("service(\"payments\")", JsonDocument.Parse(sent.Body).RootElement.GetProperty("FilterExpression").GetString());
    }

    [Fact]
    public async Task InvalidFilter_ShowsTheApiMessageInPlace()
    {
        await OpenAsync("/traces");
        await Expect(Rows).ToHaveCountAsync(3);

        await Page.Locator("#filter-expression").FillAsync("responsetime >> 2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Run query" }).ClickAsync();

        var alert = Page.Locator(".filter-error .alert");
        await Expect(alert).ToContainTextAsync("InvalidRequestException");
        await Expect(alert).ToContainTextAsync("unexpected '>' at position 14");
        await Expect(Page.Locator("#filter-expression")).ToHaveValueAsync("responsetime >> 2");
    }

    [Fact]
    public async Task SelectingAHistogramRange_AddsResponseTimeBounds()
    {
        await OpenAsync("/traces?filter=service(%22checkout%22)");
        await Expect(Rows).ToHaveCountAsync(3);
        var chart = Page.Locator("svg.histogram");
        var box = await chart.BoundingBoxAsync();
        Assert.NotNull(box);

        // Drag over the first sixth of the axis: 0 s to about 0.2 s of a 1.5 s maximum.
        await Page.Mouse.MoveAsync(box.X + (box.Width * 0.01f), box.Y + (box.Height / 2));
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(box.X + (box.Width * 0.10f), box.Y + (box.Height / 2), new() { Steps = 4 });
        await Page.Mouse.MoveAsync(box.X + (box.Width * 0.16f), box.Y + (box.Height / 2), new() { Steps = 4 });
        await Page.Mouse.UpAsync();

        await Expect(Page.Locator("#filter-expression")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(
            "^service\\(\"checkout\"\\) AND responsetime >= 0 AND responsetime <= 0\\.[0-9]+$"));
        await Expect(Rows).ToHaveCountAsync(2);
        await Expect(Page.Locator($"tr[data-trace-id='{SeedData.FaultTrace}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CriticalPath_FollowsAChildThatEndsAfterItsParent()
    {
        // What a Lambda invocation looks like: the AWS::Lambda segment's clock stops a little before the
        // AWS::Lambda::Function segment it contains, yet the function is what the request waited on.
        const string id = "1-6b0aec5a-e07a09da4248d09326c86ea4";
        const string service = """{"name":"fn","id":"e000000000000001","trace_id":"1-6b0aec5a-e07a09da4248d09326c86ea4","origin":"AWS::Lambda","start_time":100.0,"end_time":100.30}""";
        const string function = """{"name":"fn","id":"e000000000000002","trace_id":"1-6b0aec5a-e07a09da4248d09326c86ea4","parent_id":"e000000000000001","origin":"AWS::Lambda::Function","start_time":100.01,"end_time":100.34,"subsegments":[{"name":"Initialization","id":"e000000000000003","start_time":100.01,"end_time":100.2},{"name":"Invocation","id":"e000000000000004","start_time":100.2,"end_time":100.33}]}""";
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["Traces"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["Id"] = id, ["Duration"] = 0.34,
                ["Segments"] = new System.Text.Json.Nodes.JsonArray(
                    new System.Text.Json.Nodes.JsonObject { ["Id"] = "e000000000000001", ["Document"] = service },
                    new System.Text.Json.Nodes.JsonObject { ["Id"] = "e000000000000002", ["Document"] = function }),
            }),
            ["UnprocessedTraceIds"] = new System.Text.Json.Nodes.JsonArray(),
        }.ToJsonString();
        await Page.RouteAsync("**/Traces", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = body }));

        await OpenAsync($"/traces/{id}");

        await Expect(Page.Locator(".tl-row")).ToHaveCountAsync(4);
        await Expect(Page.Locator(".tl-row[data-id='e000000000000002']")).ToHaveAttributeAsync("data-critical", "true");
        await Expect(Page.Locator(".tl-row[data-name='Invocation']")).ToHaveAttributeAsync("data-critical", "true");
        await Expect(Page.Locator(".tl-row[data-name='Initialization']")).ToHaveAttributeAsync("data-critical", "true");
        Assert.Empty(BrowserErrors);
    }

    [Fact]
    public async Task Trace_OpensWithNestedTimeline_CriticalPath_AndDetails()
    {
        await OpenAsync("/traces");
        await Page.Locator($"a:text-is('{SeedData.CheckoutTrace}')").ClickAsync();

        await Expect(Page.Locator("#trace-title")).ToContainTextAsync(SeedData.CheckoutTrace);
        var rows = Page.Locator(".tl-row");
        await Expect(rows).ToHaveCountAsync(6);
        var order = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.name + '|' + r.dataset.kind)");
        Assert.Equal(
            ["checkout|segment", "payments|subsegment", "payments|segment", "postgres@db|subsegment", "render-receipt|subsegment", "DynamoDB|subsegment"],
            order);
        await Expect(Page.Locator(".tl-row[data-name='DynamoDB']")).ToHaveAttributeAsync("data-critical", "true");
        await Expect(Page.Locator(".tl-row[data-name='render-receipt']")).ToHaveAttributeAsync("data-critical", "false");
        await Expect(Page.Locator(".tl-row[data-name='render-receipt'] .tl-bar")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("fault"));

        await Page.Locator(".tl-row[data-name='render-receipt']").ClickAsync();
        await Page.Locator("#entity-details [data-tab='exceptions']").ClickAsync();
        await Expect(Page.Locator("#entity-details")).ToContainTextAsync("receipt template missing");
        await Expect(Page.Locator("#entity-details")).ToContainTextAsync("Receipt.Render (Receipt.cs:42)");

        await Page.Locator(".tl-row[data-name='postgres@db']").ClickAsync();
        await Page.Locator("#entity-details [data-tab='sql']").ClickAsync();
        await Expect(Page.Locator("#entity-details")).ToContainTextAsync("SELECT balance FROM accounts");

        await Page.Locator("#entity-details [data-tab='raw']").ClickAsync();
        await Expect(Page.Locator("#entity-details pre")).ToContainTextAsync("\"id\": \"7777777777777777\"");
        Assert.Empty(BrowserErrors);
    }

    [Fact]
    public async Task TraceOfFiveThousandSubsegments_OpensVirtualised()
    {
        // Timing lives in tools/Fluoro.ConsoleLoad (docs/benchmarks.md); here only the behaviour: few rows in the DOM.
        await OpenAsync($"/traces/{SeedData.BigTrace}");
        await Expect(Page.Locator(".tl-row").First).ToBeVisibleAsync();

        await Expect(Page.Locator("#view")).ToContainTextAsync("1 segments, 5001 entities");
        Assert.InRange(await Page.Locator(".tl-row").CountAsync(), 10, 200);
        await Page.Locator(".tl-body").EvaluateAsync("el => el.scrollTop = el.scrollHeight");
        await Expect(Page.Locator(".tl-row[data-name='query-49-98']")).ToBeVisibleAsync();
        Assert.InRange(await Page.Locator(".tl-row").CountAsync(), 10, 200);
    }

    [Fact]
    public async Task ExportedTrace_CanBeImportedAndViewedLocally()
    {
        await OpenAsync($"/traces/{SeedData.CheckoutTrace}");
        await Expect(Page.Locator(".tl-row").First).ToBeVisibleAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Export JSON" }).ClickAsync());
        var file = Path.Combine(Fluoro.Testing.TestPaths.NewScratchDirectory(), "trace.json");
        await download.SaveAsAsync(file);
        using (var exported = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(SeedData.CheckoutTrace, exported.RootElement.GetProperty("Traces")[0].GetProperty("Id").GetString());
        }

        var batchCalls = Api.RequestsTo("POST", "/Traces").Count();
        await OpenAsync("/traces");
        await Page.Locator("input[type='file']").SetInputFilesAsync(file);

        await Expect(Page.Locator("#trace-title")).ToContainTextAsync("imported");
        await Expect(Page.Locator(".tl-row")).ToHaveCountAsync(6);
        Assert.Equal(batchCalls, Api.RequestsTo("POST", "/Traces").Count());
    }
}
