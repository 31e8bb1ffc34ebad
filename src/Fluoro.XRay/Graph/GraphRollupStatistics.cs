namespace Fluoro.XRay;

/// <summary>The state of one <see cref="GraphStatistics"/>; histograms as [bucket, count] pairs.</summary>
internal sealed class GraphRollupStatistics
{
    public long Ok { get; set; }

    public long Error { get; set; }

    public long Throttle { get; set; }

    public long Fault { get; set; }

    public double TotalResponseTime { get; set; }

    public double? StartTime { get; set; }

    public double? EndTime { get; set; }

    public List<double[]> ResponseTimes { get; set; } = [];

    public List<double[]> Durations { get; set; } = [];
}
