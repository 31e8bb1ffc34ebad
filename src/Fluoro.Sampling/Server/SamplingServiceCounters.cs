namespace Fluoro.Sampling;

/// <summary>What the target engine accepted and dropped since start (for the health endpoint).</summary>
public readonly record struct SamplingServiceCounters(
    long StatisticsDocumentsAccepted,
    long StatisticsDocumentsUnprocessed,
    long ClientsEvicted,
    long WindowsDropped);
