namespace Fluoro.XRay;

/// <summary>Body of <c>POST /TagResource</c>.</summary>
public sealed record TagResourceRequest
{
    /// <summary>The group or sampling rule ARN.</summary>
    public string? ResourceARN { get; init; }

    /// <summary>Tags to add or overwrite.</summary>
    public IReadOnlyList<XRayTag>? Tags { get; init; }
}
