using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Fluoro.SdkLoad;

/// <summary>
/// A tight loopback UDP receiver: one thread, one reused buffer, a blocking receive per datagram and a plain
/// counter, so that it is never what bounds a measurement. The socket's receive buffer is large enough to absorb
/// bursts while the thread waits for the CPU.
/// </summary>
internal sealed class UdpSinkCounter : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private long _received;
    private long _lastArrival;

    public UdpSinkCounter()
    {
        _socket.ReceiveBufferSize = 64 * 1024 * 1024;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(Receive) { IsBackground = true, Name = "sink" };
        _thread.Start();
    }

    public IPEndPoint EndPoint { get; }

    public long Received => Volatile.Read(ref _received);

    /// <summary>Waits until <paramref name="expected"/> datagrams arrived or none arrived for 500 ms; returns the time of the last arrival.</summary>
    public TimeSpan WaitForQuiet(long expected, long startTimestamp)
    {
        while (Received < expected)
        {
            var before = Received;
            Thread.Sleep(500);
            if (Received == before)
            {
                break;
            }
        }

        return Stopwatch.GetElapsedTime(startTimestamp, Volatile.Read(ref _lastArrival));
    }

    private void Receive()
    {
        var buffer = new byte[65536];
        var received = 0L;
        while (true)
        {
            try
            {
                _socket.Receive(buffer);
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Volatile.Write(ref _received, ++received);
            Volatile.Write(ref _lastArrival, Stopwatch.GetTimestamp());
        }
    }

    public void Dispose() => _socket.Dispose();
}
