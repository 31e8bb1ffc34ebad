namespace Fluoro.Sampling;

/// <summary>Adaptive-sampling settings of a rule: the highest boosted rate and the pause between boosts.</summary>
public sealed record SamplingRateBoost
{
    public double? MaxRate { get; init; }

    public int? CooldownWindowMinutes { get; init; }
}
