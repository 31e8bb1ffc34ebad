using System.Text.Json;

namespace Fluoro.Tracing.Documents;

/// <summary>Convenience (de)serialization of segment documents as UTF-8 JSON.</summary>
public static class SegmentDocumentSerializer
{
    /// <summary>Serializes a segment to UTF-8 JSON.</summary>
    public static byte[] Serialize(Segment segment) => JsonSerializer.SerializeToUtf8Bytes(segment, SegmentDocumentJsonContext.Default.Segment);

    /// <summary>Serializes a subsegment to UTF-8 JSON (set <c>Type</c>, <c>TraceId</c> and <c>ParentId</c> for a standalone document).</summary>
    public static byte[] Serialize(Subsegment subsegment) => JsonSerializer.SerializeToUtf8Bytes(subsegment, SegmentDocumentJsonContext.Default.Subsegment);

    /// <summary>Reads a segment; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static Segment? DeserializeSegment(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, SegmentDocumentJsonContext.Default.Segment);

    /// <summary>Reads a subsegment; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static Subsegment? DeserializeSubsegment(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, SegmentDocumentJsonContext.Default.Subsegment);
}
