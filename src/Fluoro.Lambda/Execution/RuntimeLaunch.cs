using System.Globalization;
using Fluoro.Lambda.Storage;

namespace Fluoro.Lambda.Execution;

/// <summary>
/// How to start one function version: the command for its runtime and the environment of spec §4.
/// </summary>
internal sealed class RuntimeLaunch(FunctionVersion config, string functionArn, LambdaOptions options, string instancesDirectory, string dotnetRuntimeConfig, TimeProvider time)
{
    public string InstancesDirectory { get; } = instancesDirectory;

    public static bool IsSupportedRuntime(string runtime) =>
        runtime.StartsWith("provided", StringComparison.Ordinal)
        || runtime.StartsWith("nodejs", StringComparison.Ordinal)
        || runtime.StartsWith("dotnet", StringComparison.Ordinal);

    public ResolvedEntrypoint Resolve(string taskRoot)
    {
        var runtime = config.Runtime;
        if (runtime.StartsWith("nodejs", StringComparison.Ordinal))
        {
            var bootstrap = Path.Combine(SupportDirectory, "runtimes", "node", "bootstrap.mjs");
            return new ResolvedEntrypoint(options.NodeExecutable, [bootstrap]);
        }

        if (runtime.StartsWith("dotnet", StringComparison.Ordinal))
        {
            var host = options.DotnetExecutable;
            if (string.IsNullOrEmpty(host))
            {
                var processPath = Environment.ProcessPath ?? "";
                host = Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
            }

            var client = Path.Combine(SupportDirectory, "Fluoro.Lambda.RuntimeSupport.dll");
            return new ResolvedEntrypoint(host, ["exec", "--runtimeconfig", dotnetRuntimeConfig, client]);
        }

        // provided.*: the code brings an executable named bootstrap.
        var path = Path.Combine(taskRoot, "bootstrap");
        if (!File.Exists(path))
        {
            return new ResolvedEntrypoint(path, [], $"RequestId: n/a Error: Couldn't find valid bootstrap(s): [{path}]");
        }

        if (!OperatingSystem.IsWindows())
        {
            // Zips built on Windows lose the executable bit; Lambda's docs ask for it, we are lenient.
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return new ResolvedEntrypoint(path, []);
    }

    public IEnumerable<KeyValuePair<string, string>> BuildEnvironment(string taskRoot, string runtimeApi)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config.Environment)
        {
            env[key] = value;
        }

        // Host variables a process needs to run at all; everything else is Lambda's own environment.
        foreach (var name in (string[])["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "NODE_PATH"])
        {
            if (!env.ContainsKey(name) && Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                env[name] = value;
            }
        }

        env.TryAdd("LANG", "en_US.UTF-8");
        env["_HANDLER"] = config.Handler;
        env["AWS_REGION"] = options.Region;
        env["AWS_DEFAULT_REGION"] = options.Region;
        if (!config.Runtime.StartsWith("provided", StringComparison.Ordinal))
        {
            env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + config.Runtime;
        }

        env["AWS_LAMBDA_FUNCTION_NAME"] = config.FunctionName;
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = config.MemorySize.ToString(CultureInfo.InvariantCulture);
        env["AWS_LAMBDA_FUNCTION_VERSION"] = config.Version;
        env["AWS_LAMBDA_FUNCTION_TIMEOUT"] = config.Timeout.ToString(CultureInfo.InvariantCulture);
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        env["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + config.FunctionName;
        env["AWS_LAMBDA_LOG_STREAM_NAME"] = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyy'/'MM'/'dd}/[{config.Version}]{Guid.NewGuid():N}");
        env["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        env["LAMBDA_TASK_ROOT"] = taskRoot;
        env["LAMBDA_RUNTIME_DIR"] = SupportDirectory;
        env["TZ"] = ":UTC";
        env.TryAdd("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "test");
        env.TryAdd("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "test");
        env.TryAdd("AWS_SESSION_TOKEN", Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN") ?? "test");
        env["AWS_ENDPOINT_URL"] = options.EdgeBaseUrl.ToString().TrimEnd('/');
        var daemon = options.DaemonEndpoint;
        env["AWS_XRAY_DAEMON_ADDRESS"] = $"{daemon.Address}:{daemon.Port}";
        env["_AWS_XRAY_DAEMON_ADDRESS"] = daemon.Address.ToString();
        env["_AWS_XRAY_DAEMON_PORT"] = daemon.Port.ToString(CultureInfo.InvariantCulture);
        env["AWS_XRAY_CONTEXT_MISSING"] = "LOG_ERROR";
        if (config.Runtime.StartsWith("dotnet", StringComparison.Ordinal))
        {
            // Several functions share this host, so the per-process heap limit from the memory size stays on.
            env.TryAdd("DOTNET_gcServer", "0");
            env.TryAdd("DOTNET_TieredPGO", "0");
            env.TryAdd("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        }

        env.Remove("_X_AMZN_TRACE_ID");
        return env;
    }

    public string FunctionArn => functionArn;

    /// <summary>Where the node bootstrap and the .NET runtime client are deployed (next to this assembly).</summary>
    public static string SupportDirectory { get; } = Path.GetDirectoryName(typeof(RuntimeLaunch).Assembly.Location) ?? AppContext.BaseDirectory;
}
