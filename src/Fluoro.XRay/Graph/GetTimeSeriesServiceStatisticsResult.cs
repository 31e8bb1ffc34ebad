namespace Fluoro.XRay;

/// <summary>Response of GetTimeSeriesServiceStatistics.</summary>
public sealed record GetTimeSeriesServiceStatisticsResult
{
    /// <summary>One entry per non-empty period, oldest first.</summary>
    public IReadOnlyList<TimeSeriesServiceStatistics> TimeSeriesServiceStatistics { get; init; } = [];

    /// <summary>Always false: groups are evaluated at query time.</summary>
    public bool ContainsOldGroupVersions { get; init; }

    /// <summary>Never set.</summary>
    public string? NextToken { get; init; }
}
