using static Microsoft.Playwright.Assertions;

namespace Fluoro.Console.Tests;

public sealed class ServiceMapTests(BrowserFixture browser) : ConsoleBrowserTest(browser)
{
    [Fact]
    public async Task Map_ShowsNodeAndEdgeLabels_AsSvgText()
    {
        await OpenAsync("/map");
        await Expect(Page.Locator("svg.map g.node")).ToHaveCountAsync(4);

        var names = await Page.Locator("svg.map text.node-name").AllTextContentsAsync();
        var types = await Page.Locator("svg.map text.node-type").AllTextContentsAsync();
        var edges = await Page.Locator("svg.map text.edge-label").AllTextContentsAsync();

        Assert.Equal(["Clients", "checkout", "orders-table", "payments"], names.Order(StringComparer.Ordinal));
        Assert.Contains("AWS::DynamoDB::Table", types);
        Assert.Contains("client", types);
        // client → checkout: 60 requests, 6.0 s in total over the one-hour default window.
        Assert.Contains("100.0 ms · 1.0/min", edges);
        Assert.Contains("80.0 ms · 0.5/min", edges);
        Assert.Contains("20.0 ms · 1.0/min", edges);
        await Expect(Page.Locator("g.node[data-name='payments'] .arc-fault")).ToHaveCountAsync(1);
        await Expect(Page.Locator("g.node[data-name='orders-table'] .arc-fault")).ToHaveCountAsync(0);
        var request = Assert.Single(Api.RequestsTo("POST", "/ServiceGraph"));
        Assert.Contains("\"StartTime\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickingANode_OpensTracesFilteredByThatService()
    {
        await OpenAsync("/map");

        await Page.Locator("g.node[data-name='payments']").ClickAsync();

        await Expect(Page.Locator("#filter-expression")).ToHaveValueAsync("service(\"payments\")");
        await Expect(Page.Locator("#trace-list tbody tr[data-trace-id]")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task ClickingAnEdge_OpensTracesFilteredByThatEdge()
    {
        await OpenAsync("/map");

        await Page.Locator("g.edge[data-from='checkout'][data-to='orders-table'] text").ClickAsync();

        await Expect(Page.Locator("#filter-expression")).ToHaveValueAsync("edge(\"checkout\", \"orders-table\")");
    }
}
