using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Fluoro.Daemon;

/// <summary>Source-generated log messages of the daemon.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "X-Ray daemon listening on UDP {UdpEndpoint}, TCP {TcpEndpoint}; buffer {BufferMb} MB")]
    public static partial void Started(ILogger logger, IPEndPoint udpEndpoint, string tcpEndpoint, int bufferMb);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Rejected datagram of {Length} bytes: {Reason}")]
    public static partial void DatagramRejected(ILogger logger, int length, DatagramStatus reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Transient UDP receive error {Error}; continuing")]
    public static partial void TransientReceiveError(ILogger logger, SocketError error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Critical, Message = "UDP receiver stopped by an unrecoverable socket error")]
    public static partial void FatalReceiveError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Ingest of a batch of {Count} documents failed; the documents are lost")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Stored batch of {Count} documents, {Unprocessed} unprocessed")]
    public static partial void BatchStored(ILogger logger, int count, int unprocessed);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Unprocessed segment {Id}: {ErrorCode} {Message}")]
    public static partial void SegmentUnprocessed(ILogger logger, string? id, string errorCode, string message);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "X-Ray daemon stopped: received {Received}, rejected {Rejected}, dropped {Dropped}, stored {Stored}")]
    public static partial void Stopped(ILogger logger, long received, long rejected, long dropped, long stored);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Handling a datagram failed; it was counted as rejected")]
    public static partial void DatagramFailed(ILogger logger, Exception exception);
}
