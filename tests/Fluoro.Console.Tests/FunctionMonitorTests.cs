using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fluoro.Console.Tests;

/// <summary>The function Monitor tab counts an invocation whose handler threw as a fault.</summary>
public sealed class FunctionMonitorTests(BrowserFixture browser) : ConsoleBrowserTest(browser)
{
    [Fact]
    public async Task Monitor_counts_a_handler_error_as_a_fault_though_Invoke_returned_200()
    {
        // What GetTraceSummaries reports for a Lambda handler that throws: the AWS::Lambda root segment is a 200
        // (HasFault false) and the failure is a fault root cause inside the AWS::Lambda::Function segment.
        const string body = """
            {"TraceSummaries":[
              {"Id":"1-6b0aec5a-a07a09da4248d09326c86ea4","StartTime":1795877978.6,"Duration":0.076,"ResponseTime":0.076,
               "HasFault":false,"HasError":false,"HasThrottle":false,"IsPartial":false,"Http":{"HttpStatus":200},
               "ServiceIds":[{"Name":"hello","Names":["hello"],"Type":"AWS::Lambda"}],
               "FaultRootCauses":[{"Services":[{"Name":"hello","Names":["hello"],"Type":"AWS::Lambda","EntityPath":[{"Name":"hello","Exceptions":[],"Remote":false}],"Inferred":false},
                 {"Name":"hello","Names":["hello"],"Type":"AWS::Lambda::Function","EntityPath":[{"Name":"hello","Exceptions":[],"Remote":false},{"Name":"Invocation","Exceptions":[{"Name":"TypeError","Message":"boom"}],"Remote":false}],"Inferred":false}],
                 "ClientImpacting":false}],
               "ErrorRootCauses":[],"ResponseTimeRootCauses":[]},
              {"Id":"1-6b0aec5b-b07a09da4248d09326c86ea4","StartTime":1795877979.6,"Duration":0.05,"ResponseTime":0.05,
               "HasFault":false,"HasError":false,"HasThrottle":false,"IsPartial":false,"Http":{"HttpStatus":200},
               "ServiceIds":[{"Name":"hello","Names":["hello"],"Type":"AWS::Lambda"}],
               "FaultRootCauses":[],"ErrorRootCauses":[],"ResponseTimeRootCauses":[]}],
             "TracesProcessedCount":2,"ApproximateTime":1795877980}
            """;
        await Page.RouteAsync("**/TraceSummaries", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "application/json",
            Body = body,
        }));

        await OpenAsync("/functions/hello?tab=monitor");

        await Expect(Page.GetByText("Errors / faults").Locator("xpath=..")).ToContainTextAsync("0 / 1");
        await Expect(Page.Locator("tr", new() { HasText = "1-6b0aec5a-a07a09da4248d09326c86ea4" })).ToContainTextAsync("fault");
        await Expect(Page.Locator("tr", new() { HasText = "1-6b0aec5b-b07a09da4248d09326c86ea4" })).ToContainTextAsync("ok");
        Assert.Empty(BrowserErrors);
    }

    [Fact]
    public async Task Monitor_marks_cold_starts_from_the_Initialization_subsegment()
    {
        const string summaries = """
            {"TraceSummaries":[
              {"Id":"1-6b0aec5a-c07a09da4248d09326c86ea4","StartTime":1795877978.6,"Duration":0.3,"ResponseTime":0.3,"HasFault":false,"HasError":false,"HasThrottle":false,"Http":{"HttpStatus":200}},
              {"Id":"1-6b0aec5b-d07a09da4248d09326c86ea4","StartTime":1795877979.6,"Duration":0.05,"ResponseTime":0.05,"HasFault":false,"HasError":false,"HasThrottle":false,"Http":{"HttpStatus":200}}],
             "TracesProcessedCount":2,"ApproximateTime":1795877980}
            """;
        static string Function(string traceId, bool cold) =>
            "{\"name\":\"hello\",\"id\":\"f000000000000002\",\"trace_id\":\"" + traceId + "\",\"parent_id\":\"f000000000000001\",\"origin\":\"AWS::Lambda::Function\"," +
            "\"start_time\":1795877978.61,\"end_time\":1795877978.9,\"subsegments\":[" +
            (cold ? "{\"name\":\"Initialization\",\"id\":\"f000000000000003\",\"start_time\":1795877978.61,\"end_time\":1795877978.8}," : string.Empty) +
            "{\"name\":\"Invocation\",\"id\":\"f000000000000004\",\"start_time\":1795877978.8,\"end_time\":1795877978.88}]}";
        var traces = new JsonObject
        {
            ["Traces"] = new JsonArray(
                new JsonObject { ["Id"] = "1-6b0aec5a-c07a09da4248d09326c86ea4", ["Segments"] = new JsonArray(new JsonObject { ["Id"] = "f000000000000002", ["Document"] = Function("1-6b0aec5a-c07a09da4248d09326c86ea4", cold: true) }) },
                new JsonObject { ["Id"] = "1-6b0aec5b-d07a09da4248d09326c86ea4", ["Segments"] = new JsonArray(new JsonObject { ["Id"] = "f000000000000002", ["Document"] = Function("1-6b0aec5b-d07a09da4248d09326c86ea4", cold: false) }) }),
            ["UnprocessedTraceIds"] = new JsonArray(),
        }.ToJsonString();
        await Page.RouteAsync("**/TraceSummaries", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = summaries }));
        await Page.RouteAsync("**/Traces", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = traces }));

        await OpenAsync("/functions/hello?tab=monitor");

        await Expect(Page.Locator("tr[data-trace-id='1-6b0aec5a-c07a09da4248d09326c86ea4'] td.cold-start")).ToHaveTextAsync("yes");
        await Expect(Page.Locator("tr[data-trace-id='1-6b0aec5b-d07a09da4248d09326c86ea4'] td.cold-start")).ToHaveTextAsync("no");
        await Expect(Page.Locator("#cold-starts")).ToHaveTextAsync("1 of 2");
        Assert.Empty(BrowserErrors);
    }
}
