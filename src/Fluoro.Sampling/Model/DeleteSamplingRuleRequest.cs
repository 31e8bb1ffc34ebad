using System.Text.Json.Serialization;

namespace Fluoro.Sampling;

/// <summary>DeleteSamplingRule input: name or ARN, not both.</summary>
public sealed record DeleteSamplingRuleRequest
{
    public string? RuleName { get; init; }

    [JsonPropertyName("RuleARN")]
    public string? RuleArn { get; init; }
}
