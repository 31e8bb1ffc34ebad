namespace Fluoro.Storage;

/// <summary>
/// One stored segment document: the bytes as received plus the fields the store indexes. A record is
/// immutable once built; the store owns what it keeps and hands out its own copies.
/// </summary>
public sealed record SegmentRecord
{
    /// <summary>Canonical (lower-case) trace id, <c>1-xxxxxxxx-…</c>.</summary>
    public required string TraceId { get; init; }

    /// <summary>The document's own id (16 hex digits).</summary>
    public required string Id { get; init; }

    /// <summary><c>parent_id</c>: the caller's subsegment for a segment, the parent for a standalone subsegment.</summary>
    public string? ParentId { get; init; }

    /// <summary>True for a standalone subsegment document (<c>"type":"subsegment"</c>).</summary>
    public bool IsSubsegment { get; init; }

    /// <summary>The document's <c>name</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>origin</c> (resource type) when sent.</summary>
    public string? Origin { get; init; }

    /// <summary><c>start_time</c>, epoch seconds.</summary>
    public double StartTime { get; init; }

    /// <summary><c>end_time</c>, epoch seconds; null while in progress.</summary>
    public double? EndTime { get; init; }

    /// <summary><c>in_progress</c>.</summary>
    public bool InProgress { get; init; }

    /// <summary>Indexed fields extracted from the document and its embedded subsegments.</summary>
    public SegmentIndexFields Index { get; init; } = SegmentIndexFields.Empty;

    /// <summary>The document as received, UTF-8 JSON.</summary>
    public required ReadOnlyMemory<byte> Document { get; init; }

    /// <summary>When the document was received, epoch seconds (drives <c>TimeRangeType=Event</c> and revisions).</summary>
    public double ReceivedTime { get; init; }
}
