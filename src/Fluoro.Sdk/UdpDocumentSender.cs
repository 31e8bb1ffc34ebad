using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Fluoro.Sdk;

/// <summary>
/// Sends serialized documents to the daemon from a background task. The queue is bounded: when it is full the
/// newest document is dropped and counted, so a slow or absent daemon never blocks or grows the application.
/// </summary>
internal sealed class UdpDocumentSender : IAsyncDisposable
{
    private readonly Channel<ArraySegment<byte>> _queue;
    private readonly Socket _socket;
    private readonly EndPoint _endPoint;
    private readonly Task _pump;
    private long _sent;
    private long _dropped;
    private long _failed;

    public UdpDocumentSender(EndPoint endPoint, int capacity)
    {
        _endPoint = endPoint;
        _socket = new Socket(endPoint.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _queue = Channel.CreateBounded<ArraySegment<byte>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _pump = Task.Run(PumpAsync);
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    public void Enqueue(ArraySegment<byte> document)
    {
        if (!_queue.Writer.TryWrite(document))
        {
            ArrayPool<byte>.Shared.Return(document.Array!);
            var dropped = Interlocked.Increment(ref _dropped);
            if (dropped == 1 || dropped % 1000 == 0)
            {
                FluoroSdkEventSource.Log.DocumentDropped(dropped);
            }
        }
    }

    /// <summary>Waits until everything queued so far has been handed to the socket.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (_queue.Reader.Count > 0 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var document in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                _socket.SendTo(document.AsSpan(), SocketFlags.None, _endPoint);
                Interlocked.Increment(ref _sent);
            }
            catch (SocketException e)
            {
                Interlocked.Increment(ref _failed);
                FluoroSdkEventSource.Log.SendFailed(e.Message);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(document.Array!);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        _socket.Dispose();
    }
}
