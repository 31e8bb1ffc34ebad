using System.Text.Json.Serialization;

namespace Fluoro.XRay;

/// <summary>Source-generated JSON for the service-graph operations, with the same conventions as <see cref="XRayJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(GetServiceGraphRequest))]
[JsonSerializable(typeof(GetServiceGraphResult))]
[JsonSerializable(typeof(GetTraceGraphRequest))]
[JsonSerializable(typeof(GetTraceGraphResult))]
[JsonSerializable(typeof(GetTimeSeriesServiceStatisticsRequest))]
[JsonSerializable(typeof(GetTimeSeriesServiceStatisticsResult))]
[JsonSerializable(typeof(GraphService))]
public sealed partial class XRayGraphJsonContext : JsonSerializerContext;
