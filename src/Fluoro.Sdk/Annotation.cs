namespace Fluoro.Sdk;

/// <summary>One annotation as recorded: the value kept unboxed (numbers and booleans in <see cref="Bits"/>).</summary>
internal readonly record struct Annotation(string Key, AnnotationKind Kind, long Bits, string? Text)
{
    public double Double => BitConverter.Int64BitsToDouble(Bits);
}
