using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.EndToEnd.Tests.Lambda;

/// <summary>
/// What @aws-sdk/client-lambda makes of Fluoro's answers: errors arrive as the modelled exception classes (so
/// <c>instanceof</c> checks work), and ListFunctionUrlConfigs, InvokeAsync and GetRuntimeManagementConfig are routed.
/// </summary>
public sealed class LambdaSdkErrorTests : IAsyncLifetime
{
    private FluoroTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FluoroTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Js_sdk_raises_modelled_exception_classes_and_reaches_url_list_invoke_async_and_runtime_config()
    {
        Peers.RequireNodePeers();
        var modules = Path.Combine(Peers.PeersDirectory, "node_modules");
        var dir = TestPaths.NewScratchDirectory("fluoro-e2e-lambda-errors");
        await File.WriteAllBytesAsync(Path.Combine(dir, "fn.zip"), TestZip.FromText(("index.mjs", "export const handler = async (e) => e;")));
        var script = $$"""
            const fs = require('fs');
            const L = require({{JsonSerializer.Serialize(Path.Combine(modules, "@aws-sdk", "client-lambda"))}});
            const client = new L.LambdaClient({});
            const outcome = async (p, cls) => {
              try { await p; return 'no error'; }
              catch (e) { return `${e instanceof cls}|${e.name}|${e.$metadata.httpStatusCode}|${e.message ? 'message' : 'empty'}`; }
            };
            (async () => {
              await client.send(new L.CreateFunctionCommand({
                FunctionName: 'errs', Runtime: 'nodejs22.x', Handler: 'index.handler',
                Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: fs.readFileSync(process.argv[2]) } }));
              const result = {
                tooLarge: await outcome(client.send(new L.InvokeCommand({ FunctionName: 'errs',
                  Payload: Buffer.from(JSON.stringify({ a: 'x'.repeat(7 * 1024 * 1024) })) })), L.RequestTooLargeException),
                tooLargeEvent: await outcome(client.send(new L.InvokeCommand({ FunctionName: 'errs', InvocationType: 'Event',
                  Payload: Buffer.from(JSON.stringify({ a: 'x'.repeat(1100 * 1024) })) })), L.RequestTooLargeException),
                notFound: await outcome(client.send(new L.InvokeCommand({ FunctionName: 'missing', Payload: '{}' })), L.ResourceNotFoundException),
                badJson: await outcome(client.send(new L.InvokeCommand({ FunctionName: 'errs', Payload: Buffer.from('{nope') })), L.InvalidRequestContentException),
                urlsBefore: (await client.send(new L.ListFunctionUrlConfigsCommand({ FunctionName: 'errs' }))).FunctionUrlConfigs.length,
              };
              const created = await client.send(new L.CreateFunctionUrlConfigCommand({ FunctionName: 'errs', AuthType: 'NONE' }));
              const listed = await client.send(new L.ListFunctionUrlConfigsCommand({ FunctionName: 'errs' }));
              result.urls = listed.FunctionUrlConfigs.map(u => [u.FunctionUrl === created.FunctionUrl, u.AuthType, typeof u.CreationTime, typeof u.LastModifiedTime]);
              result.invokeAsync = (await client.send(new L.InvokeAsyncCommand({ FunctionName: 'errs', InvokeArgs: '{"a":1}' }))).Status;
              result.runtimeUpdate = (await client.send(new L.GetRuntimeManagementConfigCommand({ FunctionName: 'errs' }))).UpdateRuntimeOn;
              result.urlsMissing = await outcome(client.send(new L.ListFunctionUrlConfigsCommand({ FunctionName: 'missing' })), L.ResourceNotFoundException);
              console.log(JSON.stringify(result));
            })().catch((e) => { console.error(e); process.exit(1); });
            """;
        await File.WriteAllTextAsync(Path.Combine(dir, "errors.cjs"), script);

        var run = await ProcessRunner.RunAsync("node", [Path.Combine(dir, "errors.cjs"), Path.Combine(dir, "fn.zip")], _server.ClientEnvironment(), dir, TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var result = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        var root = result.RootElement;
        Assert.Equal("true|RequestTooLargeException|413|message", root.GetProperty("tooLarge").GetString());
        Assert.Equal("true|RequestTooLargeException|413|message", root.GetProperty("tooLargeEvent").GetString());
        Assert.Equal("true|ResourceNotFoundException|404|message", root.GetProperty("notFound").GetString());
        Assert.Equal("true|InvalidRequestContentException|400|message", root.GetProperty("badJson").GetString());
        Assert.Equal(0, root.GetProperty("urlsBefore").GetInt32());
        Assert.Equal("""[[true,"NONE","string","string"]]""", root.GetProperty("urls").GetRawText());
        Assert.Equal("true|ResourceNotFoundException|404|message", root.GetProperty("urlsMissing").GetString());
        Assert.Equal(202, root.GetProperty("invokeAsync").GetInt32());
        Assert.Equal("Auto", root.GetProperty("runtimeUpdate").GetString());
    }
}
