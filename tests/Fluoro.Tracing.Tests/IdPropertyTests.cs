using FsCheck.Xunit;
using Fluoro.Tracing;

namespace Fluoro.Tracing.Tests;

public sealed class IdPropertyTests
{
    [Property]
    public bool SegmentId_format_then_parse_round_trips(ulong value)
    {
        var id = new SegmentId(value);
        return SegmentId.TryParse(id.ToString(), out var parsed) && parsed == id && id.ToString().Length == SegmentId.Length;
    }

    [Property]
    public bool TraceId_format_then_parse_round_trips(uint epoch, ulong high, uint low)
    {
        var w3c = $"{epoch:x8}{high:x16}{low:x8}";
        Assert.True(TraceId.TryFromW3C(w3c, out var id));
        var text = id.ToString();
        return TraceId.TryParse(text, out var parsed)
            && parsed == id
            && text == $"1-{epoch:x8}-{high:x16}{low:x8}"
            && parsed.ToW3CString() == w3c
            && TraceId.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var fromBytes) && fromBytes == id;
    }

    [Property]
    public bool TraceId_parse_accepts_upper_case_and_canonicalises(uint epoch, ulong high, uint low)
    {
        var upper = $"1-{epoch:X8}-{high:X16}{low:X8}";
        return TraceId.TryParse(upper, out var id) && string.Equals(id.ToString(), upper.ToLowerInvariant(), StringComparison.Ordinal) && id.ToString().All(c => !char.IsUpper(c));
    }

    [Property]
    public void TraceHeader_TryParse_never_throws(string? value)
    {
        if (TraceHeader.TryParse(value, out var header))
        {
            // Whatever parsed must format and parse again to the same header text.
            Assert.True(TraceHeader.TryParse(header.ToString(), out var again));
            Assert.Equal(header.ToString(), again.ToString());
        }
    }

    [Property]
    public void Id_parsers_never_throw(string? value)
    {
        _ = TraceId.TryParse(value, out _);
        _ = SegmentId.TryParse(value, out _);
    }

    [Fact]
    public void New_ids_are_valid_and_distinct()
    {
        var time = TimeProvider.System;
        var a = TraceId.NewId(time);
        var b = TraceId.NewId(time);
        Assert.NotEqual(a, b);
        Assert.True(TraceId.TryParse(a.ToString(), out _));
        Assert.InRange(a.EpochSeconds, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.False(SegmentId.NewId().IsEmpty);
        Assert.NotEqual(SegmentId.NewId(), SegmentId.NewId());
    }

    [Fact]
    public void W3C_id_maps_to_xray_form()
    {
        Assert.True(TraceId.TryFromW3C("4efaaf4d1e8720b39541901950019ee5", out var id));
        Assert.Equal("1-4efaaf4d-1e8720b39541901950019ee5", id.ToString());
    }
}
