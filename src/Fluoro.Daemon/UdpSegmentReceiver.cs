using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Fluoro.Daemon;

/// <summary>
/// Reads datagrams on dedicated threads with blocking receives into one reusable 64 KB buffer per thread (the
/// cheapest way to read 100 K+ datagrams a second), validates the header and queues a pooled copy of the body.
/// </summary>
internal sealed class UdpSegmentReceiver : IDisposable
{
    // Larger than any UDP payload, so a datagram is never truncated.
    private const int ReceiveBufferBytes = 64 * 1024;

    // Blocking receives wake up this often to notice a stop request.
    private const int ReceiveTimeoutMilliseconds = 250;

    private readonly Socket _socket;
    private readonly SegmentQueue _queue;
    private readonly DaemonCounters _counters;
    private readonly ILogger _logger;
    private readonly int _maxDatagramBytes;
    private readonly Thread[] _threads;
    private volatile bool _stopping;

    public UdpSegmentReceiver(IPEndPoint endpoint, DaemonOptions options, SegmentQueue queue, DaemonCounters counters, ILogger logger)
    {
        _queue = queue;
        _counters = counters;
        _logger = logger;
        _maxDatagramBytes = options.MaxDatagramBytes;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = options.SocketReceiveBufferBytes;
            _socket.ReceiveTimeout = ReceiveTimeoutMilliseconds;
            _socket.Bind(endpoint);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _threads = new Thread[Math.Max(1, options.ReceiverThreads)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(ReceiveLoop) { IsBackground = true, Name = $"fluoro-udp-{i}" };
        }
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start()
    {
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Stops reading and waits for the reader threads; queued documents stay for the batcher.</summary>
    public void Stop()
    {
        _stopping = true;
        foreach (var thread in _threads)
        {
            // ThreadState is a set of flags: an unstarted background thread is Background | Unstarted.
            if ((thread.ThreadState & ThreadState.Unstarted) == 0)
            {
                thread.Join();
            }
        }
    }

    public void Dispose()
    {
        Stop();
        _socket.Dispose();
    }

    /// <summary>Handles one datagram; public to the assembly so tests and benchmarks can skip the socket.</summary>
    internal void Accept(ReadOnlySpan<byte> datagram)
    {
        _counters.AddReceived();
        var status = DatagramParser.Parse(datagram, _maxDatagramBytes, out var body);
        if (status != DatagramStatus.Valid)
        {
            _counters.AddRejected();
            Log.DatagramRejected(_logger, datagram.Length, status);
            return;
        }

        _queue.Enqueue(QueuedDocument.CopyOf(datagram[body]));
    }

    private void ReceiveLoop()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferBytes, pinned: true);
        while (!_stopping)
        {
            int received;
            try
            {
                received = _socket.Receive(buffer, SocketFlags.None);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
            {
                // Idle wake-up: check whether we are stopping.
                continue;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize
                or SocketError.NoBufferSpaceAvailable or SocketError.NetworkReset)
            {
                // Pressure or a peer's ICMP error: one datagram is lost, the socket is fine.
                if (ex.SocketErrorCode == SocketError.MessageSize)
                {
                    _counters.AddReceived();
                    _counters.AddRejected();
                }

                Log.TransientReceiveError(_logger, ex.SocketErrorCode);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                if (!_stopping)
                {
                    Log.FatalReceiveError(_logger, ex);
                }

                return;
            }

            try
            {
                Accept(buffer.AsSpan(0, received));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug in handling one datagram must not stop the daemon.
                _counters.AddRejected();
                Log.DatagramFailed(_logger, ex);
            }
        }
    }
}
