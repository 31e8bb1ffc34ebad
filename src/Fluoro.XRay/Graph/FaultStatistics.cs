namespace Fluoro.XRay;

/// <summary>Server-fault counts.</summary>
public sealed record FaultStatistics
{
    /// <summary>Faults (5xx).</summary>
    public long OtherCount { get; init; }

    /// <summary>All faults.</summary>
    public long TotalCount { get; init; }
}
