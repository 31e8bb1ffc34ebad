namespace Fluoro.Sampling;

/// <summary>Counts summed over all clients for one rule and one 10-second window.</summary>
internal sealed class WindowCounts
{
    public long RequestCount { get; set; }

    public long SampledCount { get; set; }

    public long BorrowCount { get; set; }
}
