using Microsoft.Extensions.Logging;

namespace Fluoro.Storage.DuckDb;

/// <summary>Source-generated log messages of the DuckDB store.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "DuckDB trace store opened at {Path} (format {Version}, {Segments} stored rows)")]
    public static partial void Opened(ILogger logger, string path, int version, long segments);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Commit of {Records} records failed")]
    public static partial void CommitFailed(ILogger logger, int records, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Purged {Traces} traces received before {Cutoff}")]
    public static partial void Purged(ILogger logger, long traces, double cutoff);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Store maintenance ({Kind}) failed")]
    public static partial void MaintenanceFailed(ILogger logger, WorkKind kind, Exception exception);
}
