using System.Globalization;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// The integers a trace id is located and identified by: the epoch second written in the id (rows arrive roughly in
/// that order, so DuckDB's per-row-group min/max skips almost everything), 64 bits of its random part (an integer
/// compare is far cheaper than a string compare on the rows that remain), and <see cref="Uid"/>, the whole id as one
/// 128-bit integer (epoch and all 96 random bits), which searches group and sort by instead of the string: DuckDB
/// decompresses a high-cardinality string column a whole vector at a time, even to read a few rows of it.
/// </summary>
internal readonly record struct TraceKey(long Key, long Epoch, Int128 Uid)
{
    /// <summary>Locates any string; ids not in canonical form fall back to a hash and epoch -1, consistently for writes and reads.</summary>
    public static TraceKey From(string traceId)
    {
        if (traceId.Length == 35 && traceId[0] == '1' && traceId[1] == '-' && traceId[10] == '-'
            && IsLowerHex(traceId.AsSpan(2, 8)) && IsLowerHex(traceId.AsSpan(11))
            && long.TryParse(traceId.AsSpan(2, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var epoch)
            && ulong.TryParse(traceId.AsSpan(11, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var random)
            && uint.TryParse(traceId.AsSpan(27, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            var uid = ((Int128)epoch << 96) | ((Int128)random << 32) | low;
            return new TraceKey(unchecked((long)random), epoch, uid);
        }

        // FNV-1a: stable across processes (string.GetHashCode is randomized per process). Stored ids are canonical
        // (the ingest path canonicalizes them), so this serves odd lookups; the uid's top bits keep it apart from them.
        var hash = Fnv(traceId, 14695981039346656037UL);
        var second = Fnv(traceId, 0x9E3779B97F4A7C15UL);
        return new TraceKey(unchecked((long)hash), -1, ((Int128)(-1) << 96) | ((Int128)hash << 32) | (uint)second);
    }

    /// <summary>
    /// The canonical trace id a uid was made from, or null when the uid may come from a hashed (non-canonical) id:
    /// those have all top 32 bits set, so every uid with a non-negative top word is a canonical id's.
    /// </summary>
    public static string? CanonicalId(Int128 uid)
    {
        if (uid < 0)
        {
            return null;
        }

        var epoch = (uint)(uid >> 96);
        var random = (ulong)(uid >> 32);
        var low = (uint)uid;
        return string.Create(CultureInfo.InvariantCulture, $"1-{epoch:x8}-{random:x16}{low:x8}");
    }

    /// <summary>A segment id (16 hex digits) as one integer; other strings hash, consistently.</summary>
    public static long IdKey(string id)
    {
        return id.Length == 16 && IsLowerHex(id) && ulong.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? unchecked((long)value)
            : unchecked((long)Fnv(id, 14695981039346656037UL));
    }

    /// <summary>A HUGEINT literal for <paramref name="uid"/>.</summary>
    public static string UidLiteral(Int128 uid) => uid.ToString(CultureInfo.InvariantCulture) + "::HUGEINT";

    private static ulong Fnv(string text, ulong seed)
    {
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
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
