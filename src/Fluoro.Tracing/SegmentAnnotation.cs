namespace Fluoro.Tracing;

/// <summary>An indexed annotation: a key and exactly one of a string, number or boolean value.</summary>
/// <param name="Key">Annotation key (letters, digits and underscore).</param>
/// <param name="StringValue">Set for string values.</param>
/// <param name="NumberValue">Set for number values.</param>
/// <param name="BooleanValue">Set for boolean values.</param>
public sealed record SegmentAnnotation(string Key, string? StringValue, double? NumberValue, bool? BooleanValue);
