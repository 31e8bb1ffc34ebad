namespace Fluoro.FilterExpressions;

/// <summary>Plain settable implementation of <see cref="ITraceFacts"/>.</summary>
public sealed class TraceFacts : ITraceFacts
{
    public ISegmentFacts? RootSegment { get; init; }

    public double? Duration { get; init; }

    public bool IsPartial { get; init; }

    public IReadOnlyList<ISegmentFacts> Segments { get; init; } = [];

    public IReadOnlyList<IServiceFacts> Services { get; init; } = [];

    public IReadOnlyList<IEdgeFacts> Edges { get; init; } = [];

    public IReadOnlyList<RootCauseFacts> FaultRootCauses { get; init; } = [];

    public IReadOnlyList<RootCauseFacts> ErrorRootCauses { get; init; } = [];

    public IReadOnlyList<RootCauseFacts> ResponseTimeRootCauses { get; init; } = [];
}
