using System.Buffers;

namespace Fluoro.Daemon;

/// <summary>A document waiting in the daemon: a rented buffer and how much of it is used.</summary>
internal readonly record struct QueuedDocument(byte[] Buffer, int Length)
{
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public static QueuedDocument CopyOf(ReadOnlySpan<byte> document)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(document.Length);
        document.CopyTo(buffer);
        return new QueuedDocument(buffer, document.Length);
    }

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
