using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.EndToEnd.Tests.Lambda;

/// <summary><c>fluoro functions deploy|invoke|list|logs</c> and <c>fluoro demo</c> against a running server.</summary>
public sealed class FunctionsCliTests : IAsyncLifetime
{
    private FluoroTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FluoroTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<ProcessResult> FluoroAsync(params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(TestPaths.RepositoryRoot, "src", "Fluoro.Cli", "bin", configuration, "net10.0", "linux-x64", "fluoro.dll");
        Assert.True(File.Exists(dll), $"{dll} not built");
        return ProcessRunner.RunAsync("dotnet", [dll, .. args, "--endpoint", _server.Endpoint], timeout: TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Deploy_invoke_list_and_logs_a_folder()
    {
        var dir = Path.Combine(TestPaths.NewScratchDirectory("fluoro-cli-fn"), "greeter");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "index.mjs"), "export const handler = async (e) => { console.log('hi', e.name); return { hello: e.name }; };");

        var deploy = await FluoroAsync("functions", "deploy", "--once", "--dir", dir);
        var invoke = await FluoroAsync("functions", "invoke", "greeter", "--payload", """{"name":"cli"}""");
        var list = await FluoroAsync("functions", "list");
        var logs = await FluoroAsync("functions", "logs", "greeter");

        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("Deployed greeter (nodejs22.x", deploy.StandardOutput, StringComparison.Ordinal);
        Assert.True(invoke.ExitCode == 0, invoke.ToString());
        using (var body = JsonDocument.Parse(invoke.StandardOutput.Trim()))
        {
            Assert.Equal("cli", body.RootElement.GetProperty("hello").GetString());
        }

        Assert.Contains("greeter", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Active", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("hi cli", logs.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("REPORT RequestId:", logs.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_prints_a_trace_whose_two_functions_are_linked()
    {
        var demo = await FluoroAsync("demo");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        var line = demo.StandardOutput.Split('\n').Single(l => l.StartsWith("Trace id: ", StringComparison.Ordinal));
        var traceId = line["Trace id: ".Length..].Trim();
        Assert.Matches("^1-[0-9a-f]{8}-[0-9a-f]{24}$", traceId);
        var env = _server.ClientEnvironment();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var origins = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var result = await ProcessRunner.RunAsync(Peers.AwsCli,
                ["xray", "batch-get-traces", "--trace-ids", traceId, "--endpoint-url", _server.Endpoint, "--region", "us-east-1", "--output", "json"], env);
            if (result.ExitCode == 0)
            {
                using var doc = JsonDocument.Parse(result.StandardOutput);
                origins = [.. doc.RootElement.GetProperty("Traces").EnumerateArray()
                    .SelectMany(t => t.GetProperty("Segments").EnumerateArray())
                    .Select(s => JsonDocument.Parse(s.GetProperty("Document").GetString()!).RootElement)
                    .Select(d => $"{d.GetProperty("name").GetString()}|{(d.TryGetProperty("origin", out var o) ? o.GetString() : "")}")];
                if (origins.Count >= 4)
                {
                    break;
                }
            }

            await Task.Delay(300);
        }

        Assert.Contains("fluoro-demo-front|AWS::Lambda", origins);
        Assert.Contains("fluoro-demo-front|AWS::Lambda::Function", origins);
        Assert.Contains("fluoro-demo-back|AWS::Lambda", origins);
        Assert.Contains("fluoro-demo-back|AWS::Lambda::Function", origins);
    }
}
