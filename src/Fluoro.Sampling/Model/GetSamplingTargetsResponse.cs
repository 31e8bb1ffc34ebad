namespace Fluoro.Sampling;

/// <summary>GetSamplingTargets output.</summary>
public sealed record GetSamplingTargetsResponse
{
    public required IReadOnlyList<SamplingTargetDocument> SamplingTargetDocuments { get; init; }

    /// <summary>Epoch seconds of the latest rule create/update/delete; newer than a client's last fetch means "re-fetch".</summary>
    public double LastRuleModification { get; init; }

    public required IReadOnlyList<UnprocessedStatistics> UnprocessedStatistics { get; init; }

    public IReadOnlyList<UnprocessedStatistics>? UnprocessedBoostStatistics { get; init; }
}
