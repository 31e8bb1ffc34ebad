using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Fluoro.Sdk;

namespace Fluoro.SdkLoad;

/// <summary>
/// A tight loopback UDP receiver: one thread, reused buffers, up to 64 datagrams per <c>recvmmsg</c> call (Linux) and
/// a plain counter, so that it is never what bounds a measurement. The socket's receive buffer is large enough to
/// absorb bursts while the thread waits for the CPU.
/// </summary>
internal sealed unsafe class UdpSinkCounter : ICountingSink
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private long _received;
    private long _lastArrival;
    private double _receiveCpuStart = double.NaN;
    private double _receiveCpu = double.NaN;

    public UdpSinkCounter()
    {
        _socket.ReceiveBufferSize = 64 * 1024 * 1024;
        try
        {
            // The kernel caps the size above at net.core.rmem_max (4 MB here); SO_RCVBUFFORCE (allowed to root) does
            // not, so that a sink briefly preempted on a loaded machine does not drop what it is counting.
            const int SocketLevel = 1, ReceiveBufferForce = 33;
            _socket.SetRawSocketOption(SocketLevel, ReceiveBufferForce, BitConverter.GetBytes(64 * 1024 * 1024));
        }
        catch (SocketException)
        {
        }

        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(Receive) { IsBackground = true, Name = "sink" };
        _thread.Start();
    }

    public IPEndPoint EndPoint { get; }

    public long Received => Volatile.Read(ref _received);

    /// <summary>
    /// Waits until <paramref name="expected"/> datagrams arrived or none arrived for 500 ms; reports how many arrived,
    /// the time from <paramref name="startTimestamp"/> to the last arrival and the receiving thread's CPU time.
    /// </summary>
    public SinkReport WaitForQuiet(long expected, long startTimestamp)
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

        return new SinkReport(Received, Stopwatch.GetElapsedTime(startTimestamp, Volatile.Read(ref _lastArrival)),
            Volatile.Read(ref _receiveCpu) - _receiveCpuStart);
    }

    private void Receive()
    {
        const int Batch = 64;
        const int Slot = 65536;
        var buffer = GC.AllocateArray<byte>(Batch * Slot, pinned: true);
        var vectors = stackalloc SocketInterop.IoVec[Batch];
        var messages = stackalloc SocketInterop.MMsgHdr[Batch];
        var received = 0L;
        var fd = (int)_socket.SafeHandle.DangerousGetHandle();
        fixed (byte* start = buffer)
        {
            for (var i = 0; i < Batch; i++)
            {
                vectors[i].Base = start + (i * Slot);
                vectors[i].Length = Slot;
                messages[i] = default;
                messages[i].Header.Iov = &vectors[i];
                messages[i].Header.IovLength = 1;
            }

            _receiveCpuStart = CallerCost.ThreadCpuNanoseconds();
            Volatile.Write(ref _receiveCpu, _receiveCpuStart);
            while (true)
            {
                // Blocks for the first datagram, then takes whatever else is already queued (MSG_WAITFORONE).
                var count = SocketInterop.RecvMMsg(fd, messages, Batch, SocketInterop.WaitForOne, null);
                if (count < 0 && Marshal.GetLastPInvokeError() == SocketInterop.Interrupted)
                {
                    continue; // EINTR
                }

                if (count <= 0)
                {
                    return; // shut down or closed
                }

                received += count;
                Volatile.Write(ref _received, received);
                Volatile.Write(ref _lastArrival, Stopwatch.GetTimestamp());
                Volatile.Write(ref _receiveCpu, CallerCost.ThreadCpuNanoseconds());
            }
        }
    }

    public void Dispose()
    {
        // Closing a socket does not wake a thread blocked in recvmmsg: shut it down first.
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _socket.Dispose();
    }
}
