namespace Fluoro.XRay;

/// <summary>A connection from one node to another (the AWS <c>Edge</c> shape), as seen by the caller.</summary>
public sealed record GraphEdge
{
    /// <summary>The target node's ReferenceId.</summary>
    public int ReferenceId { get; init; }

    /// <summary>Earliest call start.</summary>
    public double? StartTime { get; init; }

    /// <summary>Latest call end.</summary>
    public double? EndTime { get; init; }

    /// <summary>Request counts and total response time as recorded by the caller.</summary>
    public ServiceStatistics? SummaryStatistics { get; init; }

    /// <summary>Caller-observed latencies.</summary>
    public IReadOnlyList<HistogramEntry>? ResponseTimeHistogram { get; init; }

    /// <summary>Other names the caller used for the target.</summary>
    public IReadOnlyList<GraphAlias> Aliases { get; init; } = [];

    /// <summary><c>link</c> for asynchronous connections; absent for synchronous calls.</summary>
    public string? EdgeType { get; init; }
}
