namespace Fluoro.Sampling;

/// <summary>Settings of a <see cref="Sampler"/>; defaults are the SDKs'.</summary>
public sealed record SamplerOptions
{
    /// <summary>
    /// Local rules used while no centralized rules are available (e.g. from <see cref="LocalSamplingRules.Parse"/>).
    /// When null, the local default is <see cref="LocalReservoirPerSecond"/> then <see cref="LocalFixedRate"/>.
    /// </summary>
    public LocalSamplingRules? LocalRules { get; init; }

    /// <summary>Local fallback reservoir: requests per second always sampled before <see cref="LocalFixedRate"/>.</summary>
    public int LocalReservoirPerSecond { get; init; } = 1;

    /// <summary>Local fallback: share of further requests sampled.</summary>
    public double LocalFixedRate { get; init; } = 0.05;

    /// <summary>Centralized rules older than this (no successful refresh) are dropped for the local rule.</summary>
    public TimeSpan RuleCacheTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Fixed 24-hex client id; generated when null.</summary>
    public string? ClientId { get; init; }

    /// <summary>Source of uniform [0,1) draws; <see cref="Random.Shared"/> when null. Must be thread-safe.</summary>
    public Func<double>? NextDouble { get; init; }
}
