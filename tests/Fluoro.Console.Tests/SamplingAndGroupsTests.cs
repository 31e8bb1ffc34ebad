using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fluoro.Console.Tests;

public sealed class SamplingAndGroupsTests(BrowserFixture browser) : ConsoleBrowserTest(browser)
{
    [Fact]
    public async Task SamplingRuleCreatedInTheUi_ReachesTheApi()
    {
        await OpenAsync("/sampling");
        await Expect(Page.Locator("tr[data-rule='Default']")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();
        var form = Page.Locator("#rule-form");
        await form.GetByLabel("Rule name").FillAsync("checkout-slow");
        await form.GetByLabel("Priority (1–9999)").FillAsync("100");
        await form.GetByLabel("Reservoir size (per second)").FillAsync("2");
        await form.GetByLabel("Fixed rate (0–1)").FillAsync("0.25");
        await form.GetByLabel("Service name").FillAsync("checkout");
        await form.GetByLabel("URL path").FillAsync("/api/*");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();

        await Expect(Page.Locator("tr[data-rule='checkout-slow']")).ToContainTextAsync("25%");
        var create = Assert.Single(Api.RequestsTo("POST", "/CreateSamplingRule"));
        using var body = JsonDocument.Parse(create.Body);
        var rule = body.RootElement.GetProperty("SamplingRule");
        Assert.Equal("checkout-slow", rule.GetProperty("RuleName").GetString());
        Assert.Equal(100, rule.GetProperty("Priority").GetInt32());
        Assert.Equal(2, rule.GetProperty("ReservoirSize").GetInt32());
        Assert.Equal(0.25, rule.GetProperty("FixedRate").GetDouble());
        Assert.Equal("checkout", rule.GetProperty("ServiceName").GetString());
        Assert.Equal("/api/*", rule.GetProperty("URLPath").GetString());
        Assert.Equal("*", rule.GetProperty("HTTPMethod").GetString());
        Assert.Equal(1, rule.GetProperty("Version").GetInt32());
    }

    [Fact]
    public async Task RejectedSamplingRule_ShowsTheValidationMessage()
    {
        await OpenAsync("/sampling");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();
        await Page.GetByLabel("Rule name").FillAsync("bad-priority");
        await Page.GetByLabel("Priority (1–9999)").FillAsync("0");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();

        await Expect(Page.Locator("#rule-form .alert")).ToContainTextAsync("Priority must be between 1 and 9999.");
        await Expect(Page.Locator("tr[data-rule='bad-priority']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task EditingAndDeletingRules_CallUpdateAndDelete()
    {
        await OpenAsync("/sampling");
        await Page.Locator("tr[data-rule='Default']").GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(Page.GetByLabel("Service name")).ToHaveAttributeAsync("readonly", "");
        await Page.GetByLabel("Fixed rate (0–1)").FillAsync("0.2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(Page.Locator("tr[data-rule='Default']")).ToContainTextAsync("20%");
        var update = Assert.Single(Api.RequestsTo("POST", "/UpdateSamplingRule"));
        Assert.Equal("{\"SamplingRuleUpdate\":{\"RuleName\":\"Default\",\"FixedRate\":0.2}}", update.Body);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();
        await Page.GetByLabel("Rule name").FillAsync("temporary");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create sampling rule" }).ClickAsync();
        var row = Page.Locator("tr[data-rule='temporary']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        Assert.Empty(Api.RequestsTo("POST", "/DeleteSamplingRule"));
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm delete" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        Assert.Equal("{\"RuleName\":\"temporary\"}", Assert.Single(Api.RequestsTo("POST", "/DeleteSamplingRule")).Body);
    }

    [Fact]
    public async Task GroupCreatedInTheUi_ReachesTheApi_AndScopesTheMap()
    {
        await OpenAsync("/groups");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Page.GetByLabel("Group name").FillAsync("faults");
        await Page.GetByLabel("Group filter expression").FillAsync("fault OR error");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();

        await Expect(Page.Locator("tr[data-group='faults']")).ToContainTextAsync("fault OR error");
        using (var body = JsonDocument.Parse(Assert.Single(Api.RequestsTo("POST", "/CreateGroup")).Body))
        {
            Assert.Equal("faults", body.RootElement.GetProperty("GroupName").GetString());
            Assert.Equal("fault OR error", body.RootElement.GetProperty("FilterExpression").GetString());
        }

        await Page.Locator("tr[data-group='faults']").GetByRole(AriaRole.Link, new() { Name = "Map" }).ClickAsync();
        await Expect(Page.Locator("svg.map g.node")).ToHaveCountAsync(4);
        await Expect(Page.GetByLabel("Group")).ToHaveValueAsync("faults");
        Assert.Contains("\"GroupName\":\"faults\"", Api.RequestsTo("POST", "/ServiceGraph").Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidGroupName_ShowsTheApiMessage()
    {
        await OpenAsync("/groups");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Page.GetByLabel("Group name").FillAsync("no spaces allowed");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();

        await Expect(Page.Locator("#group-form .alert")).ToContainTextAsync("Group name must be 1-32 alphanumeric characters or dashes.");
    }
}
