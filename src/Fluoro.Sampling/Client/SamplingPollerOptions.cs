namespace Fluoro.Sampling;

/// <summary>Polling cadence of a <see cref="SamplingPoller"/>; defaults are the SDKs' (spec §11.4).</summary>
public sealed record SamplingPollerOptions
{
    public TimeSpan RulesInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Up to this much is added to each rules interval so a fleet does not poll in lockstep.</summary>
    public TimeSpan RulesJitter { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan TargetsInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan TargetsJitter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Source of uniform [0,1) draws for jitter; <see cref="Random.Shared"/> when null.</summary>
    public Func<double>? NextDouble { get; init; }
}
