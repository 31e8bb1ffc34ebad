namespace Fluoro.XRay;

/// <summary>GetServiceGraph, GetTraceGraph and GetTimeSeriesServiceStatistics.</summary>
public interface IServiceGraphQueries
{
    /// <summary>The graph of every trace with activity in the window (optionally only a group's traces).</summary>
    ValueTask<GetServiceGraphResult> GetServiceGraphAsync(GetServiceGraphRequest request, CancellationToken cancellationToken = default);

    /// <summary>The graph of the given traces.</summary>
    ValueTask<GetTraceGraphResult> GetTraceGraphAsync(GetTraceGraphRequest request, CancellationToken cancellationToken = default);

    /// <summary>Service or edge statistics bucketed by period.</summary>
    ValueTask<GetTimeSeriesServiceStatisticsResult> GetTimeSeriesServiceStatisticsAsync(
        GetTimeSeriesServiceStatisticsRequest request, CancellationToken cancellationToken = default);
}
