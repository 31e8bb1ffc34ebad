namespace Fluoro.Sampling;

/// <summary>What a repository persists per rule: the record and its tags.</summary>
public sealed record StoredSamplingRule
{
    public required SamplingRuleRecord Record { get; init; }

    public IReadOnlyList<ResourceTag> Tags { get; init; } = [];
}
