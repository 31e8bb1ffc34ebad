using System.Diagnostics;
using System.Text;
using Fluoro.Testing;

namespace Fluoro.Sdk.Tests;

// The SDK under Native AOT: tests/Fluoro.Sdk.AotTests is published with PublishAot (needs clang and zlib1g-dev) and
// the native binary records, samples, sends and reads back documents. Any trimming or AOT warning fails the publish.
public sealed class NativeAotTests
{
    [Fact]
    public async Task Sdk_test_app_publishes_as_native_AOT_without_warnings_and_runs()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot, "tests", "Fluoro.Sdk.AotTests", "Fluoro.Sdk.AotTests.csproj");
        var output = TestPaths.NewScratchDirectory("fluoro-sdk-aot");
        try
        {
            var publish = await RunAsync(DotnetHost, TimeSpan.FromMinutes(8),
                "publish", project, "-c", "Release", "-p:PublishAot=true", "-o", output, "-nologo", "-v", "minimal");
            Assert.True(publish.ExitCode == 0, "dotnet publish failed:\n" + publish.Output);
            var warnings = publish.Output.Split('\n').Where(l => l.Contains(" warning ", StringComparison.Ordinal)).ToList();
            Assert.True(warnings.Count == 0, "AOT/trim warnings:\n" + string.Join('\n', warnings));

            var binary = Path.Combine(output, "Fluoro.Sdk.AotTests");
            Assert.True(File.Exists(binary), "no native binary in " + output);
            Assert.False(File.Exists(Path.Combine(output, "Fluoro.Sdk.dll")), "the publish is not native (managed Fluoro.Sdk.dll beside it)");

            var run = await RunAsync(binary, TimeSpan.FromMinutes(1));
            Assert.True(run.ExitCode == 0, "the native binary failed:\n" + run.Output);
            Assert.Contains("AOT OK", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A publish inside a test run must not inherit the test host's MSBuild/test settings.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {timeout}:\n{await stdout}\n{await stderr}");
        }

        output.Append(await stdout).Append('\n').Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
