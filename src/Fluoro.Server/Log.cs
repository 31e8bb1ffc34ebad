using Microsoft.Extensions.Logging;

namespace Fluoro.Server;

/// <summary>Source-generated log messages of the composition root.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Fluoro {Version} ready: edge {HttpEndpoint}, daemon {DaemonAddress}, data {DataDirectory}")]
    public static partial void Ready(ILogger logger, string version, string httpEndpoint, string daemonAddress, string dataDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Purged {Count} traces older than {Retention}")]
    public static partial void Purged(ILogger logger, long count, TimeSpan retention);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Retention purge failed; retrying at the next interval")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Fluoro stopping: draining the daemon into the store")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Fluoro stopped")]
    public static partial void Stopped(ILogger logger);
}
