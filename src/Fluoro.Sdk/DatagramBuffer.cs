using System.Buffers;
using System.Text.Json;

namespace Fluoro.Sdk;

/// <summary>
/// A reusable buffer for one datagram: the daemon header is written once at the start and kept; each document is
/// written after it by a reused <see cref="Utf8JsonWriter"/>. One per serializing thread.
/// </summary>
internal sealed class DatagramBuffer : IBufferWriter<byte>
{
    private const int InitialSize = 64 * 1024;
    private const int KeepAtMost = 256 * 1024;

    private byte[] _array;
    private int _written;

    public DatagramBuffer(ReadOnlySpan<byte> header)
    {
        _array = new byte[InitialSize];
        header.CopyTo(_array);
        HeaderLength = header.Length;
        _written = HeaderLength;
        Writer = new Utf8JsonWriter(this, new JsonWriterOptions { SkipValidation = true });
    }

    public int HeaderLength { get; }

    public Utf8JsonWriter Writer { get; }

    /// <summary>The datagram written so far: header and document.</summary>
    public ReadOnlySpan<byte> Datagram => _array.AsSpan(0, _written);

    public int DatagramLength => _written;

    /// <summary>Starts a new document after the header (and lets go of a buffer grown by an oversized one).</summary>
    public Utf8JsonWriter Restart()
    {
        if (_array.Length > KeepAtMost)
        {
            var smaller = new byte[InitialSize];
            _array.AsSpan(0, HeaderLength).CopyTo(smaller);
            _array = smaller;
        }

        _written = HeaderLength;
        Writer.Reset(this);
        return Writer;
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_array.Length - _written < sizeHint)
        {
            Array.Resize(ref _array, Math.Max(_array.Length * 2, _written + sizeHint));
        }
    }
}
