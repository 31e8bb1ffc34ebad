namespace Fluoro.XRay;

/// <summary>A node of a service graph (the AWS <c>Service</c> shape).</summary>
public sealed record GraphService
{
    /// <summary>Identifier unique within the response; edges point at it.</summary>
    public int ReferenceId { get; init; }

    /// <summary>Canonical name.</summary>
    public string? Name { get; init; }

    /// <summary>Every name seen for the node.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>True when the node served the first request of some trace.</summary>
    public bool? Root { get; init; }

    /// <summary>Owning account, when known.</summary>
    public string? AccountId { get; init; }

    /// <summary>Resource type (origin), <c>client</c>, <c>remote</c> or <c>Database::SQL</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>active</c> for services that send segments, <c>unknown</c> for clients and inferred nodes.</summary>
    public string? State { get; init; }

    /// <summary>Earliest start of the node's entities in the window.</summary>
    public double? StartTime { get; init; }

    /// <summary>Latest end of the node's entities in the window.</summary>
    public double? EndTime { get; init; }

    /// <summary>Outgoing connections.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; init; } = [];

    /// <summary>Request counts and total response time; absent on client nodes.</summary>
    public ServiceStatistics? SummaryStatistics { get; init; }

    /// <summary>Durations of the node's entities; absent on client nodes.</summary>
    public IReadOnlyList<HistogramEntry>? DurationHistogram { get; init; }

    /// <summary>Response times of the node's entities; absent on client nodes.</summary>
    public IReadOnlyList<HistogramEntry>? ResponseTimeHistogram { get; init; }
}
