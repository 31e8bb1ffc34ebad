namespace Fluoro.Sampling;

/// <summary>The whole persisted rule set: rules (Default included) and the last-change clock, which deletions also move.</summary>
public sealed record SamplingRuleState
{
    public required IReadOnlyList<StoredSamplingRule> Rules { get; init; }

    public double LastRuleModification { get; init; }
}
