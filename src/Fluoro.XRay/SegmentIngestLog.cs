using Microsoft.Extensions.Logging;

namespace Fluoro.XRay;

/// <summary>Source-generated log messages of the ingest path.</summary>
internal static partial class SegmentIngestLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Rejected segment document {Id}: {ErrorCode}")]
    public static partial void DocumentRejected(ILogger logger, string? id, string errorCode);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Storing {Count} segment documents failed")]
    public static partial void StoreFailed(ILogger logger, int count, Exception exception);
}
