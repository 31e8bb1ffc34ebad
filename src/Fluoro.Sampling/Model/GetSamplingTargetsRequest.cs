namespace Fluoro.Sampling;

/// <summary>GetSamplingTargets input (<c>POST /SamplingTargets</c>).</summary>
public sealed record GetSamplingTargetsRequest
{
    public IReadOnlyList<SamplingStatisticsDocument>? SamplingStatisticsDocuments { get; init; }

    public IReadOnlyList<SamplingBoostStatisticsDocument>? SamplingBoostStatisticsDocuments { get; init; }
}
