namespace Fluoro.XRay;

/// <summary>A resource ARN recorded in a trace.</summary>
public sealed record ResourceArnDetail
{
    /// <summary>The ARN.</summary>
    public string? ARN { get; init; }
}
