using System.Net;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Lambda.Tests;

/// <summary>nodejs* (our bootstrap), dotnet* (Fluoro.Lambda.RuntimeSupport) and aws-lambda-ric as a provided runtime.</summary>
public sealed class ManagedRuntimeTests
{
    private const string Root = "1-5759e988-bd862e3fe1be46a994272793";
    private const string Parent = "53995c3f42cd8ad8";

    private static string RicDirectory => Path.Combine(TestFunctions.PeersDirectory, "aws-lambda-ric");

    [Fact]
    public async Task Node_async_and_callback_handlers_answer_and_see_their_context()
    {
        await using var host = await LambdaTestHost.StartAsync();
        const string Code = """
            export const handler = async (event, context) => ({
              hello: event.name, requestId: context.awsRequestId, fn: context.functionName,
              remaining: context.getRemainingTimeInMillis(), trace: process.env._X_AMZN_TRACE_ID ?? null,
              taskRoot: process.env.LAMBDA_TASK_ROOT, xray: process.env.AWS_XRAY_DAEMON_ADDRESS });
            export function callback(event, context, done) { setTimeout(() => done(null, { via: 'callback' }), 10); }
            """;
        await host.CreateAsync("node", "nodejs22.x", "index.handler", TestFunctions.Zip(("index.mjs", Code)));
        await host.CreateAsync("nodecb", "nodejs22.x", "index.callback", TestFunctions.Zip(("index.mjs", Code)));

        using var response = await host.InvokeAsync("node", """{"name":"ada"}""", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();
        using var callback = await host.InvokeAsync("nodecb", "{}").DefaultTimeout();

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = doc.RootElement;
        Assert.Equal("ada", body.GetProperty("hello").GetString());
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), body.GetProperty("requestId").GetString());
        Assert.Equal("node", body.GetProperty("fn").GetString());
        Assert.InRange(body.GetProperty("remaining").GetInt32(), 1, 10_000);
        Assert.StartsWith($"Root={Root};Parent=", body.GetProperty("trace").GetString(), StringComparison.Ordinal);
        Assert.Equal($"127.0.0.1:{host.Segments.Endpoint.Port}", body.GetProperty("xray").GetString());
        Assert.Equal("""{"via":"callback"}""", await callback.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Node_errors_come_back_in_lambda_shape_with_an_xray_cause()
    {
        await using var host = await LambdaTestHost.StartAsync();
        const string Code = """
            class DemoError extends Error { constructor(m) { super(m); this.name = 'DemoError'; } }
            export const handler = async () => { throw new DemoError('boom'); };
            """;
        await host.CreateAsync("nodeerr", "nodejs20.x", "index.handler", TestFunctions.Zip(("index.mjs", Code)), tracing: "Active");

        using var response = await host.InvokeAsync("nodeerr", "{}", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();

        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("DemoError", doc.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("boom", doc.RootElement.GetProperty("errorMessage").GetString());
        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == Root) >= 2);
        var function = docs.Single(d => d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        var exception = function.GetProperty("cause").GetProperty("exceptions")[0];
        Assert.Equal("DemoError", exception.GetProperty("type").GetString());
        Assert.True(exception.GetProperty("stack").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Node_missing_handler_is_an_init_error()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("nohandler", "nodejs22.x", "index.nothere", TestFunctions.Zip(("index.mjs", "export const handler = async () => 1;")), tracing: "Active");

        using var response = await host.InvokeAsync("nohandler", "{}", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();

        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Runtime.HandlerNotFound", doc.RootElement.GetProperty("errorType").GetString());
        // The cause's frames name files: "at async file:///…" (an anonymous async frame) must not leave "async " in the path.
        var docs = await host.Segments.WaitForAsync(d => d.Any(x => x.TryGetProperty("fault", out _) && x.GetProperty("origin").GetString() == "AWS::Lambda::Function"));
        var function = docs.Single(d => d.TryGetProperty("fault", out _) && d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        var frames = function.GetProperty("cause").GetProperty("exceptions")[0].GetProperty("stack").EnumerateArray().ToList();
        Assert.NotEmpty(frames);
        Assert.All(frames, f => Assert.StartsWith("/", f.GetProperty("path").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Node_xray_sdk_subsegment_nests_under_the_invocation_subsegment()
    {
        var sdk = Path.Combine(TestFunctions.PeersDirectory, "aws-xray-sdk-core");
        Assert.SkipUnless(Directory.Exists(sdk), "tests/e2e-peers/node_modules is not installed (run npm ci there)");
        await using var host = await LambdaTestHost.StartAsync();
        var code = $$"""
            const AWSXRay = require({{JsonSerializer.Serialize(sdk)}});
            exports.handler = async (event) => {
              const sub = AWSXRay.getSegment().addNewSubsegment('work');
              sub.addAnnotation('customer', 'acme');
              sub.addMetadata('detail', { items: [1, 2] });
              sub.close();
              return { ok: true };
            };
            """;
        await host.CreateAsync("xraynode", "nodejs22.x", "index.handler", TestFunctions.Zip(("index.js", code)), tracing: "Active");

        using var response = await host.InvokeAsync("xraynode", "{}", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();

        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync());
        var docs = await host.Segments.WaitForAsync(d => d.Count(x => x.GetProperty("trace_id").GetString() == Root) >= 3);
        var function = docs.Single(d => d.TryGetProperty("origin", out var o) && o.GetString() == "AWS::Lambda::Function");
        var invocationId = function.GetProperty("subsegments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Invocation").GetProperty("id").GetString();
        var work = docs.Single(d => d.GetProperty("name").GetString() == "work");
        Assert.Equal("subsegment", work.GetProperty("type").GetString());
        Assert.Equal(invocationId, work.GetProperty("parent_id").GetString());
        Assert.Equal("acme", work.GetProperty("annotations").GetProperty("customer").GetString());
        Assert.Equal(2, work.GetProperty("metadata").GetProperty("default").GetProperty("detail").GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Aws_lambda_ric_runs_unchanged_as_a_provided_runtime()
    {
        Assert.SkipUnless(File.Exists(Path.Combine(RicDirectory, "rapid-client.node")), "aws-lambda-ric is not built in tests/e2e-peers");
        await using var host = await LambdaTestHost.StartAsync();
        var bootstrap = $"#!/bin/sh\nexec node {Path.Combine(RicDirectory, "index.mjs")}\n";
        const string Code = """
            export const handler = async (event, context) => {
              if (event.fail) { const e = new Error('boom from ric'); e.name = 'RicError'; throw e; }
              return { traceEnv: process.env._X_AMZN_TRACE_ID, ctxTrace: context.xRayTraceId, requestId: context.awsRequestId };
            };
            """;
        await host.CreateAsync("ric", "provided.al2023", "index.handler", TestFunctions.Zip(("bootstrap", bootstrap), ("index.mjs", Code)), tracing: "Active");

        using var ok = await host.InvokeAsync("ric", "{}", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();
        using var failed = await host.InvokeAsync("ric", """{"fail":true}""", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var doc = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.StartsWith($"Root={Root};Parent=", doc.RootElement.GetProperty("traceEnv").GetString(), StringComparison.Ordinal);
        Assert.Equal(doc.RootElement.GetProperty("traceEnv").GetString(), doc.RootElement.GetProperty("ctxTrace").GetString());
        Assert.Equal(ok.Headers.GetValues("x-amzn-RequestId").Single(), doc.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("Unhandled", failed.Headers.GetValues("X-Amz-Function-Error").Single());
        using var error = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());
        Assert.Equal("RicError", error.RootElement.GetProperty("errorType").GetString());
        var docs = await host.Segments.WaitForAsync(d => d.Any(x => x.TryGetProperty("fault", out _)));
        var faulted = docs.Single(d => d.TryGetProperty("fault", out _) && d.GetProperty("origin").GetString() == "AWS::Lambda::Function");
        Assert.Equal("RicError", faulted.GetProperty("cause").GetProperty("exceptions")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Dotnet_handler_runs_with_context_and_reports_exceptions()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("dotnet", "dotnet10", "DotnetHello::DotnetHello.Function::Handler", TestFunctions.DotnetHelloZip(), tracing: "Active");

        using var ok = await host.InvokeAsync("dotnet", """{"name":"Grace"}""", $"Root={Root};Parent={Parent};Sampled=1").DefaultTimeout();
        using var failed = await host.InvokeAsync("dotnet", """{"name":"Grace","fail":true}""").DefaultTimeout();

        var text = await ok.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(ok.Headers.Contains("X-Amz-Function-Error"), text);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal("Hello, Grace!", doc.RootElement.GetProperty("greeting").GetString());
        Assert.Equal(ok.Headers.GetValues("x-amzn-RequestId").Single(), doc.RootElement.GetProperty("requestId").GetString());
        Assert.StartsWith($"Root={Root};Parent=", doc.RootElement.GetProperty("traceHeader").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unhandled", failed.Headers.GetValues("X-Amz-Function-Error").Single());
        using var error = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("asked to fail for Grace", error.RootElement.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Dotnet_bad_handler_is_an_init_error()
    {
        await using var host = await LambdaTestHost.StartAsync();
        await host.CreateAsync("dotnetbad", "dotnet8", "DotnetHello::DotnetHello.Nope::Handler", TestFunctions.DotnetHelloZip());

        using var response = await host.InvokeAsync("dotnetbad", "{}").DefaultTimeout();

        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Runtime.HandlerNotFound", doc.RootElement.GetProperty("errorType").GetString());
    }
}
