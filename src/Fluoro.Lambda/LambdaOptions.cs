using System.Net;

namespace Fluoro.Lambda;

/// <summary>What the Lambda service needs from the composition root.</summary>
public sealed class LambdaOptions
{
    /// <summary>Directory where functions, their code and their state persist.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The X-Ray daemon's UDP (and TCP) address, handed to functions and used for Lambda's own segments.</summary>
    public IPEndPoint DaemonEndpoint { get; set; } = new(IPAddress.Loopback, 2000);

    /// <summary>Base URL of the edge port, e.g. <c>http://127.0.0.1:4566</c> (function URLs are served there).</summary>
    public Uri EdgeBaseUrl { get; set; } = new("http://127.0.0.1:4566");

    /// <summary>Region reported in ARNs.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Account id reported in ARNs.</summary>
    public string AccountId { get; set; } = "000000000000";

    /// <summary>Instances per function when no reserved concurrency is configured.</summary>
    public int DefaultConcurrencyLimit { get; set; } = 100;

    /// <summary>How long a synchronous invoke waits for a free instance before it is throttled.</summary>
    public TimeSpan ThrottleWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle instances older than this are stopped.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Limit for the init phase of a new instance. Lambda's is 10 s; a developer machine starting many
    /// runtimes at once on few cores needs more, so the default is 30 s.
    /// </summary>
    public TimeSpan InitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits before the 2nd and 3rd attempt of a failed <c>Event</c> invocation. Lambda waits 1 and 2 minutes;
    /// a local tool defaults to seconds so a developer sees the retries.
    /// </summary>
    public IReadOnlyList<TimeSpan> EventRetryDelays { get; set; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>Queued <c>Event</c> invocations across all functions; beyond it Invoke answers 429.</summary>
    public int EventQueueCapacity { get; set; } = 10_000;

    /// <summary>Bytes of output kept per invocation (the rest is dropped and counted).</summary>
    public int MaxLogBytesPerInvocation { get; set; } = 256 * 1024;

    /// <summary>The <c>node</c> executable for nodejs runtimes.</summary>
    public string NodeExecutable { get; set; } = "node";

    /// <summary>The <c>dotnet</c> host for dotnet runtimes; empty means the host running Fluoro, else <c>dotnet</c>.</summary>
    public string DotnetExecutable { get; set; } = "";
}
