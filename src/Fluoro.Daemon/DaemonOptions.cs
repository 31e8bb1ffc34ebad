using System.Net;

namespace Fluoro.Daemon;

/// <summary>Settings of the X-Ray daemon. Defaults follow the AWS daemon where users can observe them.</summary>
public sealed class DaemonOptions
{
    /// <summary>UDP address for segment datagrams; port 0 picks a free port.</summary>
    public IPEndPoint UdpEndpoint { get; set; } = new(IPAddress.Loopback, 2000);

    /// <summary>
    /// TCP address for the sampling calls. Null means "same address and port as UDP", which is what
    /// <c>AWS_XRAY_DAEMON_ADDRESS=host:port</c> assumes; with UDP port 0 the TCP port follows the UDP one.
    /// </summary>
    public IPEndPoint? TcpEndpoint { get; set; }

    /// <summary>Serve the sampling endpoints on TCP at all.</summary>
    public bool EnableTcp { get; set; } = true;

    /// <summary>Memory for documents waiting to be stored, in MiB. When it is full the oldest document is dropped.</summary>
    public int BufferMemoryMb { get; set; } = 64;

    /// <summary>Most documents waiting at once, whatever their size (bounds bookkeeping for tiny documents).</summary>
    public int MaxQueuedDocuments { get; set; } = 250_000;

    /// <summary>Largest datagram accepted (header included). UDP over IPv4 cannot carry more than 65,507 bytes.</summary>
    public int MaxDatagramBytes { get; set; } = 64 * 1024;

    /// <summary>Documents per batch handed to the ingest service. The AWS daemon uses 50; a local store does better with more.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Longest time a document waits for its batch to fill.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Batches being ingested at once.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>Threads reading the UDP socket.</summary>
    public int ReceiverThreads { get; set; } = 1;

    /// <summary>Kernel receive buffer requested for the UDP socket (the kernel may cap it at net.core.rmem_max).</summary>
    public int SocketReceiveBufferBytes { get; set; } = 8 * 1024 * 1024;
}
