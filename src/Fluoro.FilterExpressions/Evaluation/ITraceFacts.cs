namespace Fluoro.FilterExpressions;

/// <summary>
/// Read-only view of one assembled trace, as much as filter expressions need. The X-Ray domain adapts stored
/// traces to this; <see cref="TraceFacts"/> is a ready-made implementation to fill in.
/// </summary>
public interface ITraceFacts
{
    /// <summary>The entry segment of the trace (no parent), if it has arrived.</summary>
    ISegmentFacts? RootSegment { get; }

    /// <summary>Whole-trace duration in seconds (latest end minus earliest start), if known.</summary>
    double? Duration { get; }

    /// <summary>Some segment is still in progress or missing.</summary>
    bool IsPartial { get; }

    /// <summary>Every segment and subsegment of the trace, flattened.</summary>
    IReadOnlyList<ISegmentFacts> Segments { get; }

    /// <summary>Service-graph nodes of the trace, including inferred downstream nodes.</summary>
    IReadOnlyList<IServiceFacts> Services { get; }

    /// <summary>Service-graph edges of the trace.</summary>
    IReadOnlyList<IEdgeFacts> Edges { get; }

    IReadOnlyList<RootCauseFacts> FaultRootCauses { get; }

    IReadOnlyList<RootCauseFacts> ErrorRootCauses { get; }

    IReadOnlyList<RootCauseFacts> ResponseTimeRootCauses { get; }
}
