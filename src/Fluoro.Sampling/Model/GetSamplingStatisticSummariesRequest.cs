namespace Fluoro.Sampling;

/// <summary>GetSamplingStatisticSummaries input.</summary>
public sealed record GetSamplingStatisticSummariesRequest
{
    public string? NextToken { get; init; }
}
