namespace Fluoro.XRay;

/// <summary>Statistics of one period.</summary>
public sealed record TimeSeriesServiceStatistics
{
    /// <summary>Start of the period, epoch seconds.</summary>
    public double Timestamp { get; init; }

    /// <summary>Edge statistics, when the selector names edges (or none was given).</summary>
    public ServiceStatistics? EdgeSummaryStatistics { get; init; }

    /// <summary>Service statistics, when the selector names a service.</summary>
    public ServiceStatistics? ServiceSummaryStatistics { get; init; }

    /// <summary>Response times in the period.</summary>
    public IReadOnlyList<HistogramEntry> ResponseTimeHistogram { get; init; } = [];
}
