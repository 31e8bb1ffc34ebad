using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>A trace after folding standalone subsegments and adding inferred segments.</summary>
internal sealed class AssembledTrace
{
    public required string TraceId { get; init; }

    public required IReadOnlyList<SegmentRecord> Records { get; init; }

    /// <summary>Top-level documents ordered by start time.</summary>
    public required IReadOnlyList<AssembledEntry> Entries { get; init; }

    /// <summary>For every (sub)segment id, the top-level entry whose tree holds it.</summary>
    public required IReadOnlyDictionary<string, AssembledEntry> OwnerById { get; init; }

    /// <summary>Earliest start to latest end over every entry; null when nothing has ended.</summary>
    public double? Duration { get; init; }
}
