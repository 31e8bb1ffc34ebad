namespace Fluoro.XRay;

/// <summary>The AWS <c>AnnotationValue</c> union: exactly one member is set.</summary>
public sealed record SummaryAnnotationValue
{
    /// <summary>String value.</summary>
    public string? StringValue { get; init; }

    /// <summary>Number value.</summary>
    public double? NumberValue { get; init; }

    /// <summary>Boolean value.</summary>
    public bool? BooleanValue { get; init; }
}
