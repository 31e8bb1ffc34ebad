using System.Globalization;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// The two integers a trace id is located by: the epoch second written in the id (rows arrive roughly in
/// that order, so DuckDB's per-row-group min/max skips almost everything) and 64 bits of its random part
/// (an integer compare is far cheaper than a string compare on the rows that remain).
/// </summary>
internal readonly record struct TraceKey(long Key, long Epoch)
{
    /// <summary>Locates any string; ids not in canonical form fall back to a hash and epoch -1, consistently for writes and reads.</summary>
    public static TraceKey From(string traceId)
    {
        if (traceId.Length == 35 && traceId[0] == '1' && traceId[1] == '-' && traceId[10] == '-'
            && long.TryParse(traceId.AsSpan(2, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var epoch)
            && ulong.TryParse(traceId.AsSpan(11, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var random)
            && IsLowerHex(traceId.AsSpan(27)))
        {
            return new TraceKey(unchecked((long)random), epoch);
        }

        // FNV-1a: stable across processes (string.GetHashCode is randomized per process).
        var hash = 14695981039346656037UL;
        foreach (var c in traceId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new TraceKey(unchecked((long)hash), -1);
    }

    /// <summary>True when the id can be embedded in SQL as a literal (only lower-case hex digits and dashes).</summary>
    public static bool IsSafeLiteral(string traceId)
    {
        if (traceId.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in traceId)
        {
            if (!(c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!(c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
