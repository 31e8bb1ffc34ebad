using System.Text.Json.Serialization;

namespace Fluoro.Sampling;

/// <summary>
/// A sampling rule as it travels in CreateSamplingRule and GetSamplingRules (member names are AWS's). Members are
/// nullable because requests may omit them; rules held by <see cref="SamplingRuleService"/> have every member set.
/// </summary>
public sealed record SamplingRule
{
    public string? RuleName { get; init; }

    [JsonPropertyName("RuleARN")]
    public string? RuleArn { get; init; }

    [JsonPropertyName("ResourceARN")]
    public string? ResourceArn { get; init; }

    public int? Priority { get; init; }

    public double? FixedRate { get; init; }

    public int? ReservoirSize { get; init; }

    public string? ServiceName { get; init; }

    public string? ServiceType { get; init; }

    public string? Host { get; init; }

    [JsonPropertyName("HTTPMethod")]
    public string? HttpMethod { get; init; }

    [JsonPropertyName("URLPath")]
    public string? UrlPath { get; init; }

    public int? Version { get; init; }

    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    public SamplingRateBoost? SamplingRateBoost { get; init; }
}
