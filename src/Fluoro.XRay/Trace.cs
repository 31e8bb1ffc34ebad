namespace Fluoro.XRay;

/// <summary>One assembled trace in BatchGetTraces.</summary>
public sealed record Trace
{
    /// <summary>Trace id.</summary>
    public required string Id { get; init; }

    /// <summary>Seconds from the earliest start to the latest end of any document.</summary>
    public double? Duration { get; init; }

    /// <summary>True when the trace outgrew the trace size limit and later documents were refused.</summary>
    public bool LimitExceeded { get; init; }

    /// <summary>Processed segment documents (real and inferred), ordered by start time.</summary>
    public IReadOnlyList<TraceSegment> Segments { get; init; } = [];
}
