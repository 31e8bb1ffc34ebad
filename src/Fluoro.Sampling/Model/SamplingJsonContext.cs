using System.Text.Json.Serialization;

namespace Fluoro.Sampling;

/// <summary>
/// Source-generated JSON for every sampling request/response and the persisted rule state. Absent members are
/// omitted, and numbers sent as strings are tolerated.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(GetSamplingRulesRequest))]
[JsonSerializable(typeof(GetSamplingRulesResponse))]
[JsonSerializable(typeof(CreateSamplingRuleRequest))]
[JsonSerializable(typeof(CreateSamplingRuleResponse))]
[JsonSerializable(typeof(UpdateSamplingRuleRequest))]
[JsonSerializable(typeof(UpdateSamplingRuleResponse))]
[JsonSerializable(typeof(DeleteSamplingRuleRequest))]
[JsonSerializable(typeof(DeleteSamplingRuleResponse))]
[JsonSerializable(typeof(GetSamplingTargetsRequest))]
[JsonSerializable(typeof(GetSamplingTargetsResponse))]
[JsonSerializable(typeof(GetSamplingStatisticSummariesRequest))]
[JsonSerializable(typeof(GetSamplingStatisticSummariesResponse))]
[JsonSerializable(typeof(SamplingRuleState))]
public sealed partial class SamplingJsonContext : JsonSerializerContext;
