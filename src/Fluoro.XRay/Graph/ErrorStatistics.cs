namespace Fluoro.XRay;

/// <summary>Client-error counts.</summary>
public sealed record ErrorStatistics
{
    /// <summary>Throttled requests (429).</summary>
    public long ThrottleCount { get; init; }

    /// <summary>Other 4xx errors.</summary>
    public long OtherCount { get; init; }

    /// <summary>All client errors.</summary>
    public long TotalCount { get; init; }
}
