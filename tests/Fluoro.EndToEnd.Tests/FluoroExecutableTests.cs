using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fluoro.Testing;

namespace Fluoro.EndToEnd.Tests;

/// <summary>The real <c>fluoro up</c> executable as a child process: it becomes healthy and SIGTERM stops it cleanly.</summary>
public sealed partial class FluoroExecutableTests
{
    [Fact]
    public async Task FluoroUp_BecomesHealthy_AndStopsCleanlyOnSigterm()
    {
        var dll = FindFluoroDll();
        var data = TestPaths.NewScratchDirectory("fluoro-up");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "up", "--http", "127.0.0.1:0", "--daemon", "127.0.0.1:0", "--data", data })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            var match = EndpointLine().Match(e.Data);
            if (match.Success)
            {
                endpoint.TrySetResult(match.Groups[1].Value);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await endpoint.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            using var health = await http.GetAsync(new Uri("/_fluoro/health", UriKind.Relative)).DefaultTimeout();
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("ok", json.GetProperty("status").GetString());

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().DefaultTimeout();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(process.ExitCode == 0, string.Join('\n', output));
            Assert.Contains("Fluoro stopped.", output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static string FindFluoroDll()
    {
        // The test project builds src/Fluoro.Cli beside it in the same configuration.
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(TestPaths.RepositoryRoot, "src", "Fluoro.Cli", "bin", configuration, "net10.0", "linux-x64", "fluoro.dll");
        Assert.True(File.Exists(dll), $"{dll} not built");
        return dll;
    }

    [GeneratedRegex(@"export AWS_ENDPOINT_URL=(\S+)")]
    private static partial Regex EndpointLine();
}
