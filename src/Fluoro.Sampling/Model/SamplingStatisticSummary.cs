namespace Fluoro.Sampling;

/// <summary>Counts for one rule over one 10-second window, summed across clients.</summary>
public sealed record SamplingStatisticSummary
{
    public required string RuleName { get; init; }

    /// <summary>Start of the window, epoch seconds.</summary>
    public double Timestamp { get; init; }

    public long RequestCount { get; init; }

    public long BorrowCount { get; init; }

    public long SampledCount { get; init; }
}
