using System.Diagnostics;

namespace Fluoro.Lambda.Tests;

/// <summary>Runs the real AWS CLI v2 (<c>/usr/bin/aws</c>) against a test host.</summary>
internal static class AwsCli
{
    public const string Path = "/usr/bin/aws";

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Uri endpoint, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.ArgumentList.Add("--endpoint-url");
        psi.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        psi.ArgumentList.Add("--region");
        psi.ArgumentList.Add("us-east-1");
        psi.ArgumentList.Add("--output");
        psi.ArgumentList.Add("json");
        psi.Environment["AWS_ACCESS_KEY_ID"] = "test";
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        psi.Environment["AWS_PAGER"] = "";
        psi.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        psi.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }
}
