namespace Fluoro.XRay;

/// <summary>Body of <c>POST /TimeSeriesServiceStatistics</c>.</summary>
public sealed record GetTimeSeriesServiceStatisticsRequest
{
    /// <summary>Window start, epoch seconds (required).</summary>
    public double? StartTime { get; init; }

    /// <summary>Window end, epoch seconds (required).</summary>
    public double? EndTime { get; init; }

    /// <summary>Restrict to traces in this group.</summary>
    public string? GroupName { get; init; }

    /// <summary>Restrict to traces in this group (by ARN).</summary>
    public string? GroupARN { get; init; }

    /// <summary><c>service(…)</c>, <c>edge(…, …)</c> or <c>id(…)</c>; absent = every edge.</summary>
    public string? EntitySelectorExpression { get; init; }

    /// <summary>Bucket size, seconds (default 60; multiples of 60).</summary>
    public int? Period { get; init; }

    /// <summary>Forecasts are not computed; accepted and ignored.</summary>
    public bool? ForecastStatistics { get; init; }

    /// <summary>Paging token (everything fits one page).</summary>
    public string? NextToken { get; init; }
}
