namespace Fluoro.Tracing.Documents;

/// <summary>The <c>aws.ec2</c> object.</summary>
public sealed class Ec2Data
{
    /// <summary>Instance id.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Instance type.</summary>
    public string? InstanceSize { get; set; }

    /// <summary>Image id.</summary>
    public string? AmiId { get; set; }

    /// <summary>Availability zone.</summary>
    public string? AvailabilityZone { get; set; }
}
