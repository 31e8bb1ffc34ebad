using System.Text.Json.Serialization;

namespace Fluoro.XRay;

/// <summary>
/// Source-generated JSON for the X-Ray query API. Member names are the AWS model's PascalCase names, nulls are
/// omitted, timestamps are epoch-second doubles (integers are accepted on input), and numbers may also arrive
/// as strings because some hand-written clients send them that way.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(BatchGetTracesRequest))]
[JsonSerializable(typeof(BatchGetTracesResult))]
[JsonSerializable(typeof(GetTraceSummariesRequest))]
[JsonSerializable(typeof(GetTraceSummariesResult))]
public sealed partial class XRayJsonContext : JsonSerializerContext;
