namespace Fluoro.Storage;

/// <summary>Which time of a trace a search window applies to (GetTraceSummaries <c>TimeRangeType</c>).</summary>
public enum TimeRangeType
{
    /// <summary>The epoch second encoded in the trace id.</summary>
    TraceId = 0,

    /// <summary>When documents of the trace were received (the trace was active).</summary>
    Event,

    /// <summary>Segment end times.</summary>
    Service,
}
