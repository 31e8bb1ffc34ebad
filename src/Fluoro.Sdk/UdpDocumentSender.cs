using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Fluoro.Sdk;

/// <summary>
/// Sends finished Activities to the daemon from one background thread, one document per datagram. The thread that
/// ends an Activity pays only for one slot in a bounded ring: it never serializes, never sends, never waits. When
/// the ring is full (a burst outruns the socket, or the daemon is gone) the newest entity is dropped and counted,
/// so tracing never slows down or grows the application. The sender serializes into a reused per-thread buffer and
/// hands what is queued to the kernel in batches (one datagram per document, one <c>sendmmsg</c> per batch on a
/// socket connected to the daemon): no allocation and a fraction of a system call per document in steady state.
/// </summary>
internal sealed class UdpDocumentSender : IAsyncDisposable
{
    private readonly ActivityRing _ring;
    private readonly SegmentDocumentSerializer _serializer;
    private readonly Socket _socket;
    private readonly SocketAddress _address;
    private readonly DatagramBatch? _batch;
    private readonly DatagramBuffer _buffer = SegmentDocumentSerializer.CreateBuffer();
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _wake = new(false);
    private PaddedLong _dropped;
    private long _sent;
    private long _failed;
    private long _discarded;
    private int _busy;
    private PaddedLong _idle;
    private volatile bool _stopping;

    public UdpDocumentSender(EndPoint endPoint, int capacity, SegmentDocumentSerializer serializer)
    {
        _serializer = serializer;
        _ring = new ActivityRing(capacity);
        _idle.Cache = -1; // no position wakes the sender until it lets a burst gather
        EntityData.ReservePool(_ring.Capacity);
        _socket = new Socket(endPoint.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _address = endPoint.Serialize();
        try
        {
            // A connected UDP socket skips the per-datagram route lookup and lets sendmmsg go without addresses.
            _socket.Connect(endPoint);
            _batch = new DatagramBatch(_socket);
        }
        catch (SocketException e)
        {
            FluoroSdkEventSource.Log.SendFailed("connect: " + e.Message);
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "Fluoro.Sdk sender" };
        using (ExecutionContext.SuppressFlow())
        {
            _thread.Start();
        }
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped.Value);

    public long Failed => Interlocked.Read(ref _failed);

    public long Discarded => Interlocked.Read(ref _discarded);

    /// <summary>Benchmarks only: take entities off the ring and let them go, writing and sending nothing.</summary>
    public bool Discard { get; init; }

    public bool Enqueue(Activity activity)
    {
        var data = EntityData.Find(activity);
        var position = _stopping ? -1 : _ring.TryAdd(activity, data);
        if (position < 0)
        {
            EntityData.Release(data);
            var dropped = Interlocked.Increment(ref _dropped.Value);
            if (dropped == 1 || dropped % 10_000 == 0)
            {
                FluoroSdkEventSource.Log.DocumentDropped(dropped);
            }

            return false;
        }

        // Wake the sender only when it is asleep: one signal per burst, not one per entity; or when it lets a burst
        // gather and a batch is queued (the one entity that takes the position it named wakes it).
        if (Volatile.Read(ref _idle.Value) == 1 && Interlocked.Exchange(ref _idle.Value, 0) == 1)
        {
            _wake.Set();
        }
        else if (position == Volatile.Read(ref _idle.Cache))
        {
            _wake.Set();
        }

        return true;
    }

    /// <summary>Waits until everything queued so far has been handed to the socket.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while ((_ring.Count > 0 || Volatile.Read(ref _busy) != 0) && Environment.TickCount64 < deadline)
        {
            if (Volatile.Read(ref _idle.Value) == 1 && Interlocked.Exchange(ref _idle.Value, 0) == 1)
            {
                _wake.Set();
            }

            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    private void Run()
    {
        while (true)
        {
            Volatile.Write(ref _busy, 1);
            while (_ring.TryTake(out var activity, out var data))
            {
                Send(activity, data);
            }

            SendBatch();
            Volatile.Write(ref _busy, 0);
            if (_stopping)
            {
                return;
            }

            _wake.Reset();
            Interlocked.Exchange(ref _idle.Value, 1);
            if (_ring.Count > 0 || _stopping)
            {
                Interlocked.Exchange(ref _idle.Value, 0);
                continue;
            }

            _wake.Wait(TimeSpan.FromSeconds(1));
            Interlocked.Exchange(ref _idle.Value, 0);
            if (!_stopping && _ring.Count < DatagramBatch.MaxDatagrams)
            {
                // Woken by the first entity of a burst: let the burst gather for up to a millisecond (or until one
                // full batch of datagrams is queued), then drain it in one go. Fewer cache lines travel between the
                // recording threads and this one, more datagrams share a sendmmsg, and the threads that end entities
                // signal once per burst instead of once per entity.
                _wake.Reset();
                var gather = Math.Min(DatagramBatch.MaxDatagrams, _ring.Capacity / 4);
                Volatile.Write(ref _idle.Cache, _ring.Head + gather);
                if (_ring.Count < gather && !_stopping)
                {
                    _wake.Wait(TimeSpan.FromMilliseconds(1));
                }

                Volatile.Write(ref _idle.Cache, -1);
            }
        }
    }

    private void Send(Activity activity, EntityData? data)
    {
        if (Discard)
        {
            EntityData.Release(data);
            Volatile.Write(ref _discarded, _discarded + 1); // the sender thread is the only writer
            return;
        }

        try
        {
            var datagram = _serializer.Write(activity, data, _buffer);
            if (datagram.IsEmpty)
            {
                Interlocked.Increment(ref _failed);
                return;
            }

            if (_batch is null)
            {
                _socket.SendTo(datagram, SocketFlags.None, _address);
                Interlocked.Increment(ref _sent);
            }
            else if (!_batch.TryAdd(datagram))
            {
                SendBatch();
                _batch.TryAdd(datagram);
            }
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
            EntityData.Release(data);
        }
    }

    private void SendBatch()
    {
        if (_batch is not { Count: > 0 } batch)
        {
            return;
        }

        var count = batch.Count;
        var sent = batch.Send();
        Interlocked.Add(ref _sent, sent);
        if (sent < count)
        {
            Interlocked.Add(ref _failed, count - sent);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _wake.Set();
        var stopped = await Task.Run(() => _thread.Join(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _socket.Dispose();
        if (stopped)
        {
            // Only once the sender thread is gone: it writes into the batch's native memory.
            _batch?.Dispose();
            _wake.Dispose();
        }
    }
}
