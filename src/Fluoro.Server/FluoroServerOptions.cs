using System.Net;
using Microsoft.Extensions.Logging;

namespace Fluoro.Server;

/// <summary>Everything <see cref="FluoroServer"/> needs; the defaults are what <c>fluoro up</c> uses.</summary>
public sealed class FluoroServerOptions
{
    /// <summary>The edge port: every AWS-compatible API and the console. Port 0 picks a free port.</summary>
    public IPEndPoint HttpEndpoint { get; set; } = new(IPAddress.Loopback, 4566);

    /// <summary>The daemon's UDP and TCP address. Port 0 picks a free port (the same for both).</summary>
    public IPEndPoint DaemonEndpoint { get; set; } = new(IPAddress.Loopback, 2000);

    /// <summary>Where traces and functions persist.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    /// <summary>How long traces are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Memory for datagrams waiting to be stored, in MiB.</summary>
    public int DaemonBufferMb { get; set; } = 64;

    /// <summary>Documents per store write from the daemon (larger batches commit faster under load).</summary>
    public int DaemonBatchSize { get; set; } = 1000;

    /// <summary>Longest wait before a partial daemon batch is written.</summary>
    public TimeSpan DaemonFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A file of <c>ACCESS_KEY_ID SECRET</c> lines; when set, every AWS API request must carry a valid SigV4 signature.</summary>
    public string? AuthKeysFile { get; set; }

    /// <summary>
    /// The browser token that signs in to the console when <see cref="AuthKeysFile"/> is set (at least 16 URL-safe
    /// characters). Null makes a random one at start-up; read it back from <see cref="FluoroServer.ConsoleLoginUrl"/>.
    /// </summary>
    public string? ConsoleToken { get; set; }

    /// <summary>Region reported in ARNs.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Clock for everything time-based (retention, ingest times, signatures).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging setup; null logs to the console at Information.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>How often expired traces are purged.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The per-user data directory: <c>$XDG_DATA_HOME/fluoro</c>, else <c>~/.local/share/fluoro</c>.</summary>
    public static string DefaultDataDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (!string.IsNullOrEmpty(xdg))
        {
            return Path.Combine(xdg, "fluoro");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "fluoro");
    }
}
