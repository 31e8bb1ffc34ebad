namespace Fluoro.Sampling;

/// <summary>Adaptive-sampling anomaly counts a client reports for a rule and service.</summary>
public sealed record SamplingBoostStatisticsDocument
{
    public string? RuleName { get; init; }

    public string? ServiceName { get; init; }

    public double? Timestamp { get; init; }

    public int? AnomalyCount { get; init; }

    public int? TotalCount { get; init; }

    public int? SampledAnomalyCount { get; init; }
}
