namespace Fluoro.XRay;

/// <summary>One distinct annotation value and the services that recorded it.</summary>
public sealed record ValueWithServiceIds
{
    /// <summary>The value.</summary>
    public required SummaryAnnotationValue AnnotationValue { get; init; }

    /// <summary>Services that recorded this value.</summary>
    public IReadOnlyList<ServiceId> ServiceIds { get; init; } = [];
}
