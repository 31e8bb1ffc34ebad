using System.Globalization;
using System.Text;

namespace Fluoro.LoadGen;

/// <summary>
/// A daemon datagram of a chosen size whose trace id and segment id are patched in place per send, so every
/// datagram is a distinct document (the store upserts by id) without allocating.
/// </summary>
internal sealed class SegmentTemplate
{
    private readonly byte[] _bytes;
    private readonly int _traceOffset;
    private readonly int _idOffset;

    public SegmentTemplate(int targetBytes, long epochSeconds)
    {
        var epoch = epochSeconds.ToString("x8", CultureInfo.InvariantCulture);
        var start = epochSeconds.ToString(CultureInfo.InvariantCulture);
        var head = "{\"format\":\"json\",\"version\":1}\n" +
            "{\"trace_id\":\"1-" + epoch + "-000000000000000000000000\",\"id\":\"0000000000000000\",\"name\":\"loadgen\"," +
            "\"start_time\":" + start + ".100,\"end_time\":" + start + ".250," +
            "\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://example.com/orders\"},\"response\":{\"status\":200}}," +
            "\"annotations\":{\"tier\":\"gold\"},\"metadata\":{\"default\":{\"pad\":\"";
        const string tail = "\"}}}";
        var padding = Math.Max(0, targetBytes - head.Length - tail.Length);
        var text = head + new string('x', padding) + tail;
        _bytes = Encoding.ASCII.GetBytes(text);
        _traceOffset = text.IndexOf("-000000000000000000000000", StringComparison.Ordinal) + 1;
        _idOffset = text.IndexOf("\"id\":\"0000000000000000\"", StringComparison.Ordinal) + 6;
    }

    public int Length => _bytes.Length;

    /// <summary>Writes a unique datagram for <paramref name="sequence"/> into this template and returns it.</summary>
    public ReadOnlySpan<byte> For(long sequence, int generator)
    {
        WriteHex(_bytes.AsSpan(_idOffset, 16), (ulong)sequence);
        WriteHex(_bytes.AsSpan(_traceOffset, 16), (ulong)sequence / 4);
        WriteHex(_bytes.AsSpan(_traceOffset + 16, 8), (ulong)generator);
        return _bytes;
    }

    private static void WriteHex(Span<byte> destination, ulong value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)"0123456789abcdef"[(int)(value & 0xF)];
            value >>= 4;
        }
    }
}
