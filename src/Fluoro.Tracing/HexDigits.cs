namespace Fluoro.Tracing;

/// <summary>Allocation-free hex parsing and formatting for fixed-width ids.</summary>
internal static class HexDigits
{
    private const string Lower = "0123456789abcdef";

    public static void Write(ulong value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Lower[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    public static void Write(uint value, Span<char> destination) => Write((ulong)value, destination);

    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.Length is 0 or > 16)
        {
            return false;
        }

        foreach (var c in text)
        {
            var nibble = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                value = 0;
                return false;
            }

            value = (value << 4) | (uint)nibble;
        }

        return true;
    }

    public static bool TryParseUInt32(ReadOnlySpan<char> text, out uint value)
    {
        if (text.Length <= 8 && TryParseUInt64(text, out var wide))
        {
            value = (uint)wide;
            return true;
        }

        value = 0;
        return false;
    }
}
