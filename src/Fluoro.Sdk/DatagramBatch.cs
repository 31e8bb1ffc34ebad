using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Fluoro.Sdk;

/// <summary>
/// Documents waiting to be sent as one batch of datagrams — still one datagram per document, as X-Ray daemons
/// expect, but handed to the kernel with one <c>sendmmsg</c> call on Linux instead of one system call each. The
/// socket must be connected to the daemon. Elsewhere (or if <c>sendmmsg</c> is missing) each is sent on its own.
/// </summary>
internal sealed unsafe class DatagramBatch : IDisposable
{
    /// <summary>Most datagrams per system call (the kernel caps a call at 1,024).</summary>
    public const int MaxDatagrams = 256;

    private const int BufferBytes = 256 * 1024;

    private static bool s_sendmmsgMissing = !OperatingSystem.IsLinux();

    private readonly Socket _socket;
    private readonly byte[] _buffer = GC.AllocateArray<byte>(BufferBytes, pinned: true);
    private readonly int[] _offsets = new int[MaxDatagrams];
    private readonly int[] _lengths = new int[MaxDatagrams];
    private readonly SocketInterop.MMsgHdr* _messages;
    private readonly SocketInterop.IoVec* _vectors;
    private int _count;
    private int _used;

    public DatagramBatch(Socket socket)
    {
        _socket = socket;
        _messages = (SocketInterop.MMsgHdr*)NativeMemory.AllocZeroed((nuint)(MaxDatagrams * sizeof(SocketInterop.MMsgHdr)));
        _vectors = (SocketInterop.IoVec*)NativeMemory.AllocZeroed((nuint)(MaxDatagrams * sizeof(SocketInterop.IoVec)));
    }

    public int Count => _count;

    /// <summary>Datagrams the kernel refused (reported by <see cref="Send"/>).</summary>
    public long Failed { get; private set; }

    /// <summary>Copies a datagram into the batch; false when the batch is full (send it, then add again).</summary>
    public bool TryAdd(ReadOnlySpan<byte> datagram)
    {
        if (_count == MaxDatagrams || BufferBytes - _used < datagram.Length)
        {
            return false;
        }

        datagram.CopyTo(_buffer.AsSpan(_used));
        _offsets[_count] = _used;
        _lengths[_count] = datagram.Length;
        _used += datagram.Length;
        _count++;
        return true;
    }

    /// <summary>Sends every datagram in the batch; returns how many the kernel accepted.</summary>
    public int Send()
    {
        var count = _count;
        _count = 0;
        _used = 0;
        if (count == 0)
        {
            return 0;
        }

        var sent = Volatile.Read(ref s_sendmmsgMissing) ? SendEach(0, count) : SendBatched(count);
        Failed += count - sent;
        return sent;
    }

    private int SendBatched(int count)
    {
        fixed (byte* buffer = _buffer)
        {
            for (var i = 0; i < count; i++)
            {
                _vectors[i].Base = buffer + _offsets[i];
                _vectors[i].Length = (nuint)_lengths[i];
                _messages[i] = default;
                _messages[i].Header.Iov = &_vectors[i];
                _messages[i].Header.IovLength = 1;
            }

            var fd = (int)_socket.SafeHandle.DangerousGetHandle();
            var sent = 0;
            var done = 0;
            while (done < count)
            {
                int result;
                try
                {
                    result = SocketInterop.SendMMsg(fd, _messages + done, (uint)(count - done), 0);
                }
                catch (EntryPointNotFoundException)
                {
                    Volatile.Write(ref s_sendmmsgMissing, true);
                    return sent + SendEach(done, count);
                }
                catch (DllNotFoundException)
                {
                    Volatile.Write(ref s_sendmmsgMissing, true);
                    return sent + SendEach(done, count);
                }

                if (result > 0)
                {
                    sent += result;
                    done += result;
                    continue;
                }

                var error = Marshal.GetLastPInvokeError();
                if (error == SocketInterop.Interrupted)
                {
                    continue; // EINTR
                }

                // The first datagram was refused (e.g. ECONNREFUSED while no daemon listens): skip it, go on.
                if (error != SocketInterop.ConnectionRefused)
                {
                    FluoroSdkEventSource.Log.SendFailed("sendmmsg errno " + error);
                }

                done++;
            }

            return sent;
        }
    }

    private int SendEach(int from, int count)
    {
        var sent = 0;
        for (var i = from; i < count; i++)
        {
            try
            {
                _socket.Send(_buffer.AsSpan(_offsets[i], _lengths[i]), SocketFlags.None);
                sent++;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
            }
            catch (SocketException e)
            {
                FluoroSdkEventSource.Log.SendFailed(e.Message);
            }
        }

        return sent;
    }

    public void Dispose()
    {
        NativeMemory.Free(_messages);
        NativeMemory.Free(_vectors);
    }
}
