using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Fluoro.Sdk;

/// <summary>
/// Serializes finished Activities and sends them to the daemon from one background task, so the thread that ends an
/// Activity normally pays only for a queue write. The queue is bounded: past half full the producing thread
/// serializes and sends the entity itself (back-pressure without waiting); if the queue is full anyway the newest
/// entity is dropped and counted, so a slow or absent daemon never grows the application.
/// </summary>
internal sealed class UdpDocumentSender : IAsyncDisposable
{
    private readonly Channel<Activity> _queue;
    private readonly SegmentDocumentSerializer _serializer;
    private readonly Socket _socket;
    private readonly EndPoint _endPoint;
    private readonly Task _pump;
    private long _sent;
    private long _dropped;
    private long _failed;
    private readonly int _helpThreshold;
    private int _inFlight;

    public UdpDocumentSender(EndPoint endPoint, int capacity, SegmentDocumentSerializer serializer)
    {
        _endPoint = endPoint;
        _serializer = serializer;
        _helpThreshold = Math.Max(1, capacity / 2);
        _socket = new Socket(endPoint.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _queue = Channel.CreateBounded<Activity>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using (ExecutionContext.SuppressFlow())
        {
            _pump = Task.Run(PumpAsync);
        }
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    public bool Enqueue(Activity activity)
    {
        if (_queue.Reader.Count >= _helpThreshold)
        {
            // A burst is outrunning the sender: the producing thread serializes and sends this one itself, which
            // slows the burst down to what the socket takes instead of filling the queue and dropping.
            Send(activity);
            return true;
        }

        if (_queue.Writer.TryWrite(activity))
        {
            return true;
        }

        var dropped = Interlocked.Increment(ref _dropped);
        if (dropped == 1 || dropped % 1000 == 0)
        {
            FluoroSdkEventSource.Log.DocumentDropped(dropped);
        }

        return false;
    }

    /// <summary>Waits until everything queued so far has been handed to the socket.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while ((_queue.Reader.Count > 0 || Volatile.Read(ref _inFlight) != 0) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            Volatile.Write(ref _inFlight, 1);
            while (reader.TryRead(out var activity))
            {
                Send(activity);
            }

            Volatile.Write(ref _inFlight, 0);
        }
    }

    private void Send(Activity activity)
    {
        ArraySegment<byte> document = default;
        try
        {
            document = _serializer.Serialize(activity);
            if (document.Array is null)
            {
                Interlocked.Increment(ref _failed);
                return;
            }

            _socket.SendTo(document.AsSpan(), SocketFlags.None, _endPoint);
            Interlocked.Increment(ref _sent);
        }
#pragma warning disable CA1031 // The sender must survive anything one entity or the socket throws.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failed);
            FluoroSdkEventSource.Log.SendFailed(e.Message);
        }
        finally
        {
            if (document.Array is { } array)
            {
                ArrayPool<byte>.Shared.Return(array);
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
