using System.Text.Json.Serialization;

namespace Fluoro.Tracing.Documents;

/// <summary>
/// Source-generated (AOT-safe) JSON for the segment-document model: snake_case names, nulls omitted, numeric
/// strings accepted when reading (some clients send <c>content_length</c> as a string).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Segment))]
[JsonSerializable(typeof(Subsegment))]
[JsonSerializable(typeof(List<Subsegment>))]
[JsonSerializable(typeof(List<ExceptionDetail>))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class SegmentDocumentJsonContext : JsonSerializerContext;
