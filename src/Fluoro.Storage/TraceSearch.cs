namespace Fluoro.Storage;

/// <summary>A search for traces in a time window, newest first.</summary>
public sealed record TraceSearch
{
    /// <summary>Window start, epoch seconds, inclusive.</summary>
    public required double StartTime { get; init; }

    /// <summary>Window end, epoch seconds, exclusive.</summary>
    public required double EndTime { get; init; }

    /// <summary>Which trace time the window applies to.</summary>
    public TimeRangeType TimeRangeType { get; init; }

    /// <summary>Most hits to return in one page.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Opaque cursor from a previous page; null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>
    /// Only traces satisfying this filter are returned (null: every trace in the window). Paging stays keyset-exact:
    /// a cursor continues after the last returned trace in (time, trace id) order.
    /// </summary>
    public TraceFilter? Filter { get; init; }
}
