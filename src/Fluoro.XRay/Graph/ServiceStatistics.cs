namespace Fluoro.XRay;

/// <summary>Request counts by outcome and the summed response time (AWS <c>ServiceStatistics</c>/<c>EdgeStatistics</c>).</summary>
public sealed record ServiceStatistics
{
    /// <summary>Requests that completed without error, fault or throttle.</summary>
    public long OkCount { get; init; }

    /// <summary>Client errors (4xx), throttles included.</summary>
    public ErrorStatistics ErrorStatistics { get; init; } = new();

    /// <summary>Server faults (5xx).</summary>
    public FaultStatistics FaultStatistics { get; init; } = new();

    /// <summary>All requests: ok + errors + faults.</summary>
    public long TotalCount { get; init; }

    /// <summary>Sum of response times, seconds.</summary>
    public double TotalResponseTime { get; init; }
}
