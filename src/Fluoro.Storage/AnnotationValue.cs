namespace Fluoro.Storage;

/// <summary>One annotation: a key and exactly one of a string, number or boolean value.</summary>
public sealed record AnnotationValue(string Key, string? StringValue, double? NumberValue, bool? BooleanValue);
