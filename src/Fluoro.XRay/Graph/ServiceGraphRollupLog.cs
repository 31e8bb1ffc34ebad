using Microsoft.Extensions.Logging;

namespace Fluoro.XRay;

/// <summary>Source-generated log messages of the service-graph rollup loop.</summary>
internal static partial class ServiceGraphRollupLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Service-graph rollup: {Minutes} minutes computed, {Invalidated} invalidated by late documents")]
    public static partial void Cycle(ILogger logger, int minutes, int invalidated);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Service-graph rollup cycle failed; retrying next cycle")]
    public static partial void CycleFailed(ILogger logger, Exception exception);
}
