using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// Keyset position for newest-first paging: the last page's smallest (sort time, trace uid — see
/// <see cref="TraceKey.Uid"/>). Rows strictly after it are the next page, so writes between pages never produce duplicates.
/// </summary>
internal readonly record struct SearchCursor(TimeRangeType Type, double Time, Int128 Uid)
{
    private const string Prefix = "d2";

    /// <summary>The SQL condition "after this position" over columns <c>t</c> and <c>trace_uid</c>.</summary>
    public string AfterSql()
    {
        var time = DuckDbTraceReader.DoubleLiteral(Time);
        return $"(t < {time} OR (t = {time} AND trace_uid < {TraceKey.UidLiteral(Uid)}))";
    }

    public string Encode()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Prefix}|{(int)Type}|{Time:R}|{Uid}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Parses a cursor from <see cref="Encode"/>; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static SearchCursor Decode(string cursor, TimeRangeType expectedType)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The pagination token is not valid.", nameof(cursor), ex);
        }

        var parts = text.Split('|');
        if (parts.Length != 4 || parts[0] != Prefix
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var type)
            || type != (int)expectedType
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var time)
            || !double.IsFinite(time)
            || !Int128.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var uid))
        {
            throw new ArgumentException("The pagination token is not valid for this search.", nameof(cursor));
        }

        return new SearchCursor(expectedType, time, uid);
    }
}
