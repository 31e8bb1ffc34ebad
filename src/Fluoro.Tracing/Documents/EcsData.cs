namespace Fluoro.Tracing.Documents;

/// <summary>The <c>aws.ecs</c> object.</summary>
public sealed class EcsData
{
    /// <summary>Container host name.</summary>
    public string? Container { get; set; }

    /// <summary>Container id.</summary>
    public string? ContainerId { get; set; }

    /// <summary>Container ARN.</summary>
    public string? ContainerArn { get; set; }
}
