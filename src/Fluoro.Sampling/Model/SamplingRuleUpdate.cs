using System.Text.Json.Serialization;

namespace Fluoro.Sampling;

/// <summary>UpdateSamplingRule's patch: the rule by name or ARN, and the members to change.</summary>
public sealed record SamplingRuleUpdate
{
    public string? RuleName { get; init; }

    [JsonPropertyName("RuleARN")]
    public string? RuleArn { get; init; }

    [JsonPropertyName("ResourceARN")]
    public string? ResourceArn { get; init; }

    public int? Priority { get; init; }

    public double? FixedRate { get; init; }

    public int? ReservoirSize { get; init; }

    public string? Host { get; init; }

    public string? ServiceName { get; init; }

    public string? ServiceType { get; init; }

    [JsonPropertyName("HTTPMethod")]
    public string? HttpMethod { get; init; }

    [JsonPropertyName("URLPath")]
    public string? UrlPath { get; init; }

    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    public SamplingRateBoost? SamplingRateBoost { get; init; }
}
