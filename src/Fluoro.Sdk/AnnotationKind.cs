namespace Fluoro.Sdk;

/// <summary>The X-Ray annotation value types (spec §5.8): string, number, boolean.</summary>
internal enum AnnotationKind : byte
{
    String,
    Boolean,
    Integer,
    Double,
}
