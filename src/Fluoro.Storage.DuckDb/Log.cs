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

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Training a document compression dictionary from {Samples} samples failed; documents stay compressed with the previous one")]
    public static partial void DictionaryTrainingFailed(ILogger logger, int samples, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Document compression dictionary {Id} ({Bytes} bytes) in use")]
    public static partial void DictionaryActivated(ILogger logger, int id, int bytes);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Storing document compression dictionary {Id} failed; documents stay compressed with the previous one")]
    public static partial void DictionaryNotStored(ILogger logger, int id, Exception exception);
}
