using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Fluoro.Tracing;

/// <summary>A 64-bit segment, subsegment or exception id, written as 16 lower-case hex digits.</summary>
public readonly struct SegmentId : IEquatable<SegmentId>, ISpanFormattable
{
    /// <summary>Length of the text form.</summary>
    public const int Length = 16;

    private readonly ulong _value;

    /// <summary>Wraps a raw 64-bit value.</summary>
    public SegmentId(ulong value) => _value = value;

    /// <summary>The raw 64-bit value.</summary>
    public ulong Value => _value;

    /// <summary>True for zero, which no generator produces.</summary>
    public bool IsEmpty => _value == 0;

    /// <summary>A new random, non-zero id.</summary>
    public static SegmentId NewId()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = BitConverter.ToUInt64(bytes);
        }
        while (value == 0);

        return new SegmentId(value);
    }

    /// <summary>Parses exactly 16 hex digits (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SegmentId id)
    {
        if (text.Length == Length && HexDigits.TryParseUInt64(text, out var value))
        {
            id = new SegmentId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{char}, out SegmentId)"/>
    public static bool TryParse([NotNullWhen(true)] string? text, out SegmentId id)
    {
        if (text is null)
        {
            id = default;
            return false;
        }

        return TryParse(text.AsSpan(), out id);
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static SegmentId Parse(string text)
        => TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a 16-hex-digit segment id.");

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        if (destination.Length < Length)
        {
            charsWritten = 0;
            return false;
        }

        HexDigits.Write(_value, destination[..Length]);
        charsWritten = Length;
        return true;
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public override string ToString() => string.Create(Length, _value, static (span, v) => HexDigits.Write(v, span));

    /// <inheritdoc/>
    public bool Equals(SegmentId other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SegmentId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(SegmentId left, SegmentId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SegmentId left, SegmentId right) => !left.Equals(right);
}
