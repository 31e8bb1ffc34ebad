using System.Text.Json.Serialization;

namespace Fluoro.Tracing.Documents;

/// <summary>An annotation value: a string, a number or a boolean (the only types X-Ray indexes).</summary>
[JsonConverter(typeof(AnnotationScalarJsonConverter))]
public readonly record struct AnnotationScalar
{
    private AnnotationScalar(string? text, double? number, bool? flag)
    {
        StringValue = text;
        NumberValue = number;
        BooleanValue = flag;
    }

    /// <summary>Set for a string value.</summary>
    public string? StringValue { get; }

    /// <summary>Set for a number value.</summary>
    public double? NumberValue { get; }

    /// <summary>Set for a boolean value.</summary>
    public bool? BooleanValue { get; }

    /// <summary>A string value.</summary>
    public static AnnotationScalar FromString(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), null, null);

    /// <summary>A number value; must be finite.</summary>
    public static AnnotationScalar FromDouble(double value)
        => double.IsFinite(value) ? new(null, value, null) : throw new ArgumentOutOfRangeException(nameof(value), "Annotation numbers must be finite.");

    /// <summary>A boolean value.</summary>
    public static AnnotationScalar FromBoolean(bool value) => new(null, null, value);

    /// <summary>Converts a string.</summary>
    public static implicit operator AnnotationScalar(string value) => FromString(value);

    /// <summary>Converts a number.</summary>
    public static implicit operator AnnotationScalar(double value) => FromDouble(value);

    /// <summary>Converts a boolean.</summary>
    public static implicit operator AnnotationScalar(bool value) => FromBoolean(value);
}
