namespace Fluoro.Sampling;

/// <summary>GetSamplingStatisticSummaries output.</summary>
public sealed record GetSamplingStatisticSummariesResponse
{
    public required IReadOnlyList<SamplingStatisticSummary> SamplingStatisticSummaries { get; init; }

    public string? NextToken { get; init; }
}
