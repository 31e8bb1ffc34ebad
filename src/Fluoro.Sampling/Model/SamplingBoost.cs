using System.Text.Json.Serialization;

namespace Fluoro.Sampling;

/// <summary>A temporary raised sampling rate and when it ends (epoch seconds).</summary>
public sealed record SamplingBoost
{
    public double BoostRate { get; init; }

    [JsonPropertyName("BoostRateTTL")]
    public double BoostRateTtl { get; init; }
}
