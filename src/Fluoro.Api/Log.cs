using Microsoft.Extensions.Logging;

namespace Fluoro.Api;

/// <summary>Source-generated log messages of the API layer.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "X-Ray operation {Operation} failed (request {RequestId})")]
    public static partial void OperationFailed(ILogger logger, string operation, string requestId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Rejected request {Method} {Path}: {ErrorCode} {Reason}")]
    public static partial void AuthenticationRejected(ILogger logger, string method, string path, string errorCode, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "PutTraceSegments: {Accepted} accepted, {Unprocessed} unprocessed")]
    public static partial void SegmentsPut(ILogger logger, int accepted, int unprocessed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Console sign-in from {RemoteAddress}")]
    public static partial void ConsoleLoginAccepted(ILogger logger, System.Net.IPAddress? remoteAddress);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Console sign-in refused from {RemoteAddress}: wrong token")]
    public static partial void ConsoleLoginRejected(ILogger logger, System.Net.IPAddress? remoteAddress);
}
