namespace Fluoro.XRay;

/// <summary>A segment of an assembled trace: its id and the processed JSON document as a string.</summary>
public sealed record TraceSegment
{
    /// <summary>Segment id (16 hex digits).</summary>
    public required string Id { get; init; }

    /// <summary>The processed document (standalone subsegments folded in), as JSON text.</summary>
    public required string Document { get; init; }
}
