using System.Text.Json.Serialization;

namespace Fluoro.Sampling;

/// <summary>One client's counts for one rule since its last report.</summary>
public sealed record SamplingStatisticsDocument
{
    public string? RuleName { get; init; }

    [JsonPropertyName("ClientID")]
    public string? ClientId { get; init; }

    /// <summary>Epoch seconds; clients send integers or fractions.</summary>
    public double? Timestamp { get; init; }

    public int? RequestCount { get; init; }

    public int? SampledCount { get; init; }

    public int? BorrowCount { get; init; }
}
