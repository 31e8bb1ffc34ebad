using System.Diagnostics;

namespace Fluoro.Sdk;

/// <summary>Settings for <see cref="FluoroTracing.Start(FluoroTracingOptions?)"/>. Every setting has a working default.</summary>
public sealed class FluoroTracingOptions
{
    /// <summary>
    /// Name of the segments this process records (the service node on the map). Defaults to
    /// <c>AWS_XRAY_TRACING_NAME</c>, then the entry assembly's name.
    /// </summary>
    public string ServiceName { get; set; } =
        Environment.GetEnvironmentVariable("AWS_XRAY_TRACING_NAME") is { Length: > 0 } name
            ? name
            : System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "dotnet-service";

    /// <summary>Resource type written as the segment's <c>origin</c>, e.g. <c>AWS::EC2::Instance</c>; none by default.</summary>
    public string? Origin { get; set; }

    /// <summary>The daemon's addresses; from <c>AWS_XRAY_DAEMON_ADDRESS</c> by default.</summary>
    public DaemonAddress Daemon { get; set; } = DaemonAddress.FromEnvironment();

    /// <summary>What recording calls do without a current entity; from <c>AWS_XRAY_CONTEXT_MISSING</c> by default.</summary>
    public ContextMissingStrategy ContextMissing { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("AWS_XRAY_CONTEXT_MISSING"), "IGNORE_ERROR", StringComparison.OrdinalIgnoreCase)
            ? ContextMissingStrategy.IgnoreError
            : ContextMissingStrategy.LogError;

    /// <summary>
    /// Lambda mode: the parent of every entity comes from the invocation's trace header, no sampling decision is
    /// made and no segment is sent, only subsegments. Detected from <c>LAMBDA_TASK_ROOT</c> by default.
    /// </summary>
    public bool LambdaMode { get; set; } = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") is { Length: > 0 };

    /// <summary>
    /// Which <see cref="ActivitySource"/>s are recorded: null records every source (so HttpClient, ASP.NET Core and
    /// other instrumented libraries appear); otherwise only the named ones plus Fluoro's own.
    /// </summary>
    public ICollection<string>? ActivitySourceNames { get; set; }

    /// <summary>
    /// Decides for requests that arrive without an upstream decision. When null (the default) the tracer uses a
    /// <see cref="CentralizedSampler"/>: the daemon's sampling rules when <see cref="CentralizedSampling"/> is on,
    /// otherwise <see cref="LocalSamplingRules"/> (one request per second, then 5 %, when none are given).
    /// </summary>
    public ISampler? Sampler { get; set; }

    /// <summary>
    /// Poll the daemon's TCP endpoint for sampling rules and targets (GetSamplingRules every 5 minutes,
    /// SamplingTargets every 10 seconds). On by default; never used in Lambda mode, where Lambda decides.
    /// </summary>
    public bool CentralizedSampling { get; set; } = true;

    /// <summary>
    /// The local rules that decide until centralized rules arrive (or always, with centralized sampling off), e.g.
    /// <c>LocalSamplingRules.Parse(File.ReadAllText("sampling-rules.json"))</c>. Null means the X-Ray default rule.
    /// </summary>
    public Fluoro.Sampling.LocalSamplingRules? LocalSamplingRules { get; set; }

    /// <summary>Most serialized documents waiting to be sent; beyond it new documents are dropped and counted.</summary>
    public int MaxQueuedDocuments { get; set; } = 8192;

    /// <summary>Clock for entity times and the sampler.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// For benchmarks only (not public): the sender takes each finished entity off the queue and lets it go without
    /// writing or sending it — the counterpart of an OpenTelemetry batch processor with an exporter that discards.
    /// </summary>
    internal bool DiscardDocuments { get; set; }
}
