using System.Runtime.InteropServices;

namespace Fluoro.Sdk;

/// <summary>
/// The Linux structures and calls that move many datagrams per system call (<c>sendmmsg</c>, <c>recvmmsg</c>):
/// one <see cref="MMsgHdr"/> per datagram, each pointing at one <see cref="IoVec"/>. Shared by
/// <see cref="DatagramBatch"/> and the load tool's sink (tools/Fluoro.SdkLoad).
/// </summary>
internal static unsafe partial class SocketInterop
{
    /// <summary><c>EINTR</c>: a signal interrupted the call; call again.</summary>
    public const int Interrupted = 4;

    /// <summary><c>ECONNREFUSED</c>: nothing listened on the connected peer's port when an earlier datagram arrived.</summary>
    public const int ConnectionRefused = 111;

    /// <summary><c>MSG_WAITFORONE</c>: block for the first datagram only, then take what is already queued.</summary>
    public const int WaitForOne = 0x10000;

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMMsg(int socket, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMMsg(int socket, MMsgHdr* messages, uint count, int flags, void* timeout);

    /// <summary><c>struct iovec</c>: one buffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary><c>struct msghdr</c>: one datagram (unconnected sockets would set a name).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary><c>struct mmsghdr</c>: a datagram and the byte count the kernel sent or received for it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }
}
