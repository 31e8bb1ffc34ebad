using System.Net.Sockets;
using System.Text;

namespace Fluoro.Lambda.Tracing;

/// <summary>
/// Sends Lambda's own segment documents to the X-Ray daemon over UDP, exactly as the real Lambda service
/// does, so they take the same path as SDK data. Send failures are counted, never thrown.
/// </summary>
internal sealed class SegmentEmitter : IDisposable
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("{\"format\":\"json\",\"version\":1}\n");
    private readonly Socket _socket;
    private readonly LambdaOptions _options;
    private long _sent;
    private long _dropped;

    public SegmentEmitter(LambdaOptions options)
    {
        _options = options;
        _socket = new Socket(options.DaemonEndpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Send(ReadOnlySpan<byte> document)
    {
        if (document.Length > 64 * 1024)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        var datagram = new byte[Header.Length + document.Length];
        Header.CopyTo(datagram, 0);
        document.CopyTo(datagram.AsSpan(Header.Length));
        try
        {
            _socket.SendTo(datagram, _options.DaemonEndpoint);
            Interlocked.Increment(ref _sent);
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public void Dispose() => _socket.Dispose();
}
