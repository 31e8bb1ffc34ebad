using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Fluoro.Tracing;

/// <summary>
/// An X-Ray trace id, <c>1-XXXXXXXX-YYYYYYYYYYYYYYYYYYYYYYYY</c>: version 1, the epoch second of the
/// original request as 8 hex digits, then 96 random bits as 24 hex digits. Stored as its three parts so
/// that comparing, hashing and formatting never allocate.
/// </summary>
public readonly struct TraceId : IEquatable<TraceId>, ISpanFormattable
{
    /// <summary>Length of the canonical text form.</summary>
    public const int Length = 35;

    private readonly uint _epoch;
    private readonly ulong _randomHigh;   // first 64 of the 96 random bits
    private readonly uint _randomLow;     // last 32 bits

    private TraceId(uint epoch, ulong randomHigh, uint randomLow)
    {
        _epoch = epoch;
        _randomHigh = randomHigh;
        _randomLow = randomLow;
    }

    /// <summary>The epoch second encoded in the id (the start of the original request).</summary>
    public uint EpochSeconds => _epoch;

    /// <summary>The start time encoded in the id.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeSeconds(_epoch);

    /// <summary>True for the default (all zero) value, which no generator produces.</summary>
    public bool IsEmpty => _epoch == 0 && _randomHigh == 0 && _randomLow == 0;

    /// <summary>Creates a new id for a request starting now, with 96 bits from a cryptographic RNG.</summary>
    public static TraceId NewId(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        return new TraceId(
            (uint)timeProvider.GetUtcNow().ToUnixTimeSeconds(),
            BinaryPrimitives.ReadUInt64BigEndian(random),
            BinaryPrimitives.ReadUInt32BigEndian(random[8..]));
    }

    /// <summary>Builds an id from a W3C/OpenTelemetry 128-bit trace id (32 hex digits).</summary>
    public static bool TryFromW3C(ReadOnlySpan<char> hex32, out TraceId traceId)
    {
        traceId = default;
        if (hex32.Length != 32
            || !HexDigits.TryParseUInt32(hex32[..8], out var epoch)
            || !HexDigits.TryParseUInt64(hex32.Slice(8, 16), out var high)
            || !HexDigits.TryParseUInt32(hex32[24..], out var low))
        {
            return false;
        }

        traceId = new TraceId(epoch, high, low);
        return true;
    }

    /// <summary>Parses the canonical form; hex digits may be upper or lower case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TraceId traceId)
    {
        if (text is null)
        {
            traceId = default;
            return false;
        }

        return TryParse(text.AsSpan(), out traceId);
    }

    /// <inheritdoc cref="TryParse(string?, out TraceId)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out TraceId traceId)
    {
        traceId = default;
        if (text.Length != Length || text[0] != '1' || text[1] != '-' || text[10] != '-'
            || !HexDigits.TryParseUInt32(text.Slice(2, 8), out var epoch)
            || !HexDigits.TryParseUInt64(text.Slice(11, 16), out var high)
            || !HexDigits.TryParseUInt32(text.Slice(27, 8), out var low))
        {
            return false;
        }

        traceId = new TraceId(epoch, high, low);
        return true;
    }

    /// <inheritdoc cref="TryParse(string?, out TraceId)"/>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out TraceId traceId)
    {
        traceId = default;
        if (utf8.Length != Length)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        return TryParse(chars, out traceId);
    }

    /// <summary>Parses the canonical form or throws <see cref="FormatException"/>.</summary>
    public static TraceId Parse(string text)
        => TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an X-Ray trace id.");

    /// <summary>The 32-hex-digit W3C form (epoch and random parts concatenated).</summary>
    public string ToW3CString() => string.Create(32, this, static (span, id) =>
    {
        HexDigits.Write(id._epoch, span[..8]);
        HexDigits.Write(id._randomHigh, span.Slice(8, 16));
        HexDigits.Write(id._randomLow, span[24..]);
    });

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        if (destination.Length < Length)
        {
            charsWritten = 0;
            return false;
        }

        destination[0] = '1';
        destination[1] = '-';
        HexDigits.Write(_epoch, destination.Slice(2, 8));
        destination[10] = '-';
        HexDigits.Write(_randomHigh, destination.Slice(11, 16));
        HexDigits.Write(_randomLow, destination.Slice(27, 8));
        charsWritten = Length;
        return true;
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The canonical lower-case form.</summary>
    public override string ToString() => string.Create(Length, this, static (span, id) => id.TryFormat(span, out _));

    /// <inheritdoc/>
    public bool Equals(TraceId other) => _epoch == other._epoch && _randomHigh == other._randomHigh && _randomLow == other._randomLow;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TraceId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_epoch, _randomHigh, _randomLow);

    /// <summary>Equality of all 128 bits.</summary>
    public static bool operator ==(TraceId left, TraceId right) => left.Equals(right);

    /// <summary>Inequality of any bit.</summary>
    public static bool operator !=(TraceId left, TraceId right) => !left.Equals(right);
}
