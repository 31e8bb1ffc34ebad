using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Fluoro.SdkLoad;

/// <summary>
/// A tight loopback UDP receiver: one thread, reused buffers, up to 64 datagrams per <c>recvmmsg</c> call (Linux) and
/// a plain counter, so that it is never what bounds a measurement. The socket's receive buffer is large enough to
/// absorb bursts while the thread waits for the CPU.
/// </summary>
internal sealed unsafe partial class UdpSinkCounter : IDisposable
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
        const int Batch = 64;
        const int Slot = 65536;
        var buffer = GC.AllocateArray<byte>(Batch * Slot, pinned: true);
        var vectors = stackalloc IoVec[Batch];
        var messages = stackalloc MMsgHdr[Batch];
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

            while (true)
            {
                // Blocks for the first datagram, then takes whatever else is already queued (MSG_WAITFORONE).
                var count = RecvMMsg(fd, messages, Batch, 0x10000, null);
                if (count < 0 && Marshal.GetLastPInvokeError() == 4)
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
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int RecvMMsg(int socket, MMsgHdr* messages, uint count, int flags, void* timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
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
