using System.IO.Compression;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.EndToEnd.Tests.Lambda;

/// <summary>
/// The whole path with real clients: @aws-sdk/client-lambda creates and invokes a traced Node function that
/// adds a subsegment with aws-xray-sdk-core, the AWS CLI creates and invokes a dotnet function traced with
/// Fluoro.Sdk; the AWS CLI reads the traces back with BatchGetTraces.
/// </summary>
public sealed class LambdaEndToEndTests : IAsyncLifetime
{
    private const string Root = "1-6b0ac9b0-b4d2c4468a743c785c8aaad8";
    private const string CallerParent = "53995c3f42cd8ad8";
    private FluoroTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FluoroTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Js_sdk_invoke_of_a_traced_function_nests_sdk_subsegments_under_invocation()
    {
        Peers.RequireAwsCli();
        Peers.RequireNodePeers();
        var modules = Path.Combine(Peers.PeersDirectory, "node_modules");
        var dir = TestPaths.NewScratchDirectory("fluoro-e2e-lambda");
        var handler = $$"""
            const AWSXRay = require({{JsonSerializer.Serialize(Path.Combine(modules, "aws-xray-sdk-core"))}});
            exports.handler = async (event) => {
              const sub = AWSXRay.getSegment().addNewSubsegment('lookup');
              sub.addAnnotation('customer', event.customer);
              sub.addMetadata('request', { items: [1, 2, 3] });
              sub.close();
              return { greeting: `hello ${event.customer}` };
            };
            """;
        await File.WriteAllBytesAsync(Path.Combine(dir, "fn.zip"), TestZip.FromText(("index.js", handler)));
        var script = $$"""
            const fs = require('fs');
            const { LambdaClient, CreateFunctionCommand, InvokeCommand, waitUntilFunctionActiveV2 } = require({{JsonSerializer.Serialize(Path.Combine(modules, "@aws-sdk", "client-lambda"))}});
            (async () => {
              const client = new LambdaClient({});
              await client.send(new CreateFunctionCommand({
                FunctionName: 'e2e-traced', Runtime: 'nodejs22.x', Handler: 'index.handler',
                Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: fs.readFileSync(process.argv[2]) },
                TracingConfig: { Mode: 'Active' } }));
              await waitUntilFunctionActiveV2({ client, maxWaitTime: 30 }, { FunctionName: 'e2e-traced' });
              const out = await client.send(new InvokeCommand({ FunctionName: 'e2e-traced', Payload: JSON.stringify({ customer: 'acme' }), LogType: 'Tail' }));
              console.log(JSON.stringify({ status: out.StatusCode, error: out.FunctionError ?? null, payload: Buffer.from(out.Payload).toString() }));
            })().catch((e) => { console.error(e); process.exit(1); });
            """;
        await File.WriteAllTextAsync(Path.Combine(dir, "invoke.cjs"), script);
        var env = _server.ClientEnvironment();
        // As inside a calling function: the JS SDK copies _X_AMZN_TRACE_ID into X-Amzn-Trace-Id on Invoke.
        env["AWS_LAMBDA_FUNCTION_NAME"] = "e2e-caller";
        env["_X_AMZN_TRACE_ID"] = $"Root={Root};Parent={CallerParent};Sampled=1";

        var run = await ProcessRunner.RunAsync("node", [Path.Combine(dir, "invoke.cjs"), Path.Combine(dir, "fn.zip")], env, dir, TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 0, run.ToString());
        using (var result = JsonDocument.Parse(run.StandardOutput.Trim()))
        {
            Assert.Equal(200, result.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("error").ValueKind);
            Assert.Equal("""{"greeting":"hello acme"}""", result.RootElement.GetProperty("payload").GetString());
        }

        var documents = await WaitForTraceAsync(env, Root, docs =>
            docs.Any(d => Origin(d) == "AWS::Lambda") && docs.Any(d => Origin(d) == "AWS::Lambda::Function") && FindSubsegment(docs, "lookup") is not null);
        var service = documents.Single(d => Origin(d) == "AWS::Lambda");
        var function = documents.Single(d => Origin(d) == "AWS::Lambda::Function");
        Assert.Equal(CallerParent, service.GetProperty("parent_id").GetString());
        Assert.Equal(service.GetProperty("id").GetString(), function.GetProperty("parent_id").GetString());
        var invocation = function.GetProperty("subsegments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Invocation");
        var (lookup, parentId) = FindSubsegment(documents, "lookup")!.Value;
        Assert.Equal(invocation.GetProperty("id").GetString(), parentId);
        Assert.Equal("acme", lookup.GetProperty("annotations").GetProperty("customer").GetString());
    }

    [Fact]
    public async Task Dotnet_function_with_fluoro_sdk_sends_its_subsegments_on_the_cold_start()
    {
        Peers.RequireAwsCli();
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var build = Path.Combine(TestPaths.RepositoryRoot, "samples", "SdkFunction", "bin", configuration, "net10.0", "linux-x64");
        Assert.True(File.Exists(Path.Combine(build, "SdkFunction.dll")), $"{build} not built");
        var dir = TestPaths.NewScratchDirectory("fluoro-e2e-sdkfn");
        var zip = Path.Combine(dir, "fn.zip");
        ZipFile.CreateFromDirectory(build, zip);
        var env = _server.ClientEnvironment();
        string[] endpoint = ["--endpoint-url", env["AWS_ENDPOINT_URL"], "--region", "us-east-1", "--output", "json"];
        var create = await ProcessRunner.RunAsync(Peers.AwsCli,
            ["lambda", "create-function", "--function-name", "sdk-cold", "--runtime", "dotnet10", "--handler", "SdkFunction::SdkFunction.Function::Handler",
             "--role", "arn:aws:iam::000000000000:role/r", "--zip-file", "fileb://" + zip, "--tracing-config", "Mode=Active", .. endpoint], env);
        Assert.True(create.ExitCode == 0, create.ToString());

        // The first invoke is the cold start. No upstream decision: Active samples it (the default rule's reservoir
        // takes the first request of a second on this fresh server).
        var payload = JsonSerializer.Serialize(new { customer = "cold", quoteUrl = _server.Endpoint + "/_fluoro/health" });
        var outFile = Path.Combine(dir, "out.json");
        var invoke = await ProcessRunner.RunAsync(Peers.AwsCli,
            ["lambda", "invoke", "--function-name", "sdk-cold", "--cli-binary-format", "raw-in-base64-out", "--payload", payload, outFile, .. endpoint],
            env, timeout: TimeSpan.FromSeconds(90));

        Assert.True(invoke.ExitCode == 0, invoke.ToString());
        Assert.DoesNotContain("FunctionError", invoke.StandardOutput, StringComparison.Ordinal);
        string root;
        using (var output = JsonDocument.Parse(await File.ReadAllTextAsync(outFile)))
        {
            Assert.Equal(200, output.RootElement.GetProperty("status").GetInt32());
            root = output.RootElement.GetProperty("traceId").GetString()!;
        }

        var documents = await WaitForTraceAsync(env, root, docs =>
            docs.Any(d => Origin(d) == "AWS::Lambda::Function") && FindSubsegment(docs, "fetch-quote") is not null);
        var function = documents.Single(d => Origin(d) == "AWS::Lambda::Function");
        var subsegments = function.GetProperty("subsegments").EnumerateArray().ToList();
        Assert.Contains(subsegments, s => s.GetProperty("name").GetString() == "Initialization");
        var invocation = subsegments.Single(s => s.GetProperty("name").GetString() == "Invocation");
        var (fetch, parentId) = FindSubsegment(documents, "fetch-quote")!.Value;
        Assert.Equal(invocation.GetProperty("id").GetString(), parentId);
        Assert.Equal("cold", fetch.GetProperty("annotations").GetProperty("customer").GetString());
    }

    private static string? Origin(JsonElement document) => document.TryGetProperty("origin", out var o) ? o.GetString() : null;

    /// <summary>The named SDK subsegment and the id it hangs from, whether it was stored alone or merged into its parent.</summary>
    private static (JsonElement Subsegment, string? ParentId)? FindSubsegment(IReadOnlyList<JsonElement> documents, string subsegmentName)
    {
        foreach (var document in documents)
        {
            if (document.TryGetProperty("name", out var name) && name.GetString() == subsegmentName)
            {
                return (document, document.TryGetProperty("parent_id", out var p) ? p.GetString() : null);
            }

            if (Search(document) is { } found)
            {
                return found;
            }
        }

        return null;

        (JsonElement, string?)? Search(JsonElement parent)
        {
            if (!parent.TryGetProperty("subsegments", out var children))
            {
                return null;
            }

            foreach (var child in children.EnumerateArray())
            {
                if (child.GetProperty("name").GetString() == subsegmentName)
                {
                    return (child, parent.GetProperty("id").GetString());
                }

                if (Search(child) is { } deeper)
                {
                    return deeper;
                }
            }

            return null;
        }
    }

    private static async Task<IReadOnlyList<JsonElement>> WaitForTraceAsync(Dictionary<string, string> env, string traceId, Func<IReadOnlyList<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<JsonElement> documents = [];
        while (DateTime.UtcNow < deadline)
        {
            var result = await ProcessRunner.RunAsync(Peers.AwsCli,
                ["xray", "batch-get-traces", "--trace-ids", traceId, "--endpoint-url", env["AWS_ENDPOINT_URL"], "--region", "us-east-1", "--output", "json"], env);
            if (result.ExitCode == 0)
            {
                using var doc = JsonDocument.Parse(result.StandardOutput);
                documents = [.. doc.RootElement.GetProperty("Traces").EnumerateArray()
                    .SelectMany(t => t.GetProperty("Segments").EnumerateArray())
                    .Select(s => JsonDocument.Parse(s.GetProperty("Document").GetString()!).RootElement.Clone())];
                if (done(documents))
                {
                    return documents;
                }
            }

            await Task.Delay(300);
        }

        Assert.Fail("trace not complete in BatchGetTraces: " + string.Join("\n", documents.Select(d => d.GetRawText())));
        return documents;
    }
}
