namespace Fluoro.XRay;

/// <summary>An availability zone recorded in a trace.</summary>
public sealed record AvailabilityZoneDetail
{
    /// <summary>Zone name.</summary>
    public string? Name { get; init; }
}
