namespace Fluoro.XRay;

/// <summary>An EC2 instance id recorded in a trace.</summary>
public sealed record InstanceIdDetail
{
    /// <summary>The instance id.</summary>
    public string? Id { get; init; }
}
