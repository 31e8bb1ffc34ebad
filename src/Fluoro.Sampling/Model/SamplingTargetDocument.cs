using System.Text.Json.Serialization;

namespace Fluoro.Sampling;

/// <summary>What one client should do for one rule until <see cref="ReservoirQuotaTtl"/>.</summary>
public sealed record SamplingTargetDocument
{
    public string? RuleName { get; init; }

    public double? FixedRate { get; init; }

    /// <summary>Requests per second this client may sample from the rule's reservoir.</summary>
    public int? ReservoirQuota { get; init; }

    [JsonPropertyName("ReservoirQuotaTTL")]
    public double? ReservoirQuotaTtl { get; init; }

    /// <summary>Seconds until the client should report again.</summary>
    public int? Interval { get; init; }

    public SamplingBoost? SamplingBoost { get; init; }
}
