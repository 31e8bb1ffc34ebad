namespace Fluoro.Sampling;

/// <summary>A rule with its creation and last-change times (epoch seconds).</summary>
public sealed record SamplingRuleRecord
{
    public required SamplingRule SamplingRule { get; init; }

    public double CreatedAt { get; init; }

    public double ModifiedAt { get; init; }
}
