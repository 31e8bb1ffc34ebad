using System.Diagnostics;

namespace Fluoro.Testing;

/// <summary>Runs the real AWS CLI v2 (<c>/usr/bin/aws</c>) against a Fluoro edge port.</summary>
internal static class AwsCli
{
    public const string Path = "/usr/bin/aws";

    /// <summary>Runs <c>aws ARGS</c> with the test credentials any unauthenticated Fluoro accepts.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Uri endpoint, string workingDirectory, params string[] args)
        => RunCoreAsync(endpoint, workingDirectory, "test", "test", maxAttempts: null, args);

    /// <summary>
    /// Runs <c>aws ARGS</c> signed with the given keys, without retries, so a refused signature fails at once.
    /// </summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunWithKeysAsync(Uri endpoint, string accessKeyId, string secret, params string[] args)
        => RunCoreAsync(endpoint, workingDirectory: null, accessKeyId, secret, maxAttempts: 1, args);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunCoreAsync(
        Uri endpoint, string? workingDirectory, string accessKeyId, string secret, int? maxAttempts, string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--region");
        start.ArgumentList.Add("us-east-1");
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secret;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_PAGER"] = "";
        if (maxAttempts is { } attempts)
        {
            start.Environment["AWS_MAX_ATTEMPTS"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aws {string.Join(' ', args)} did not finish in time");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
