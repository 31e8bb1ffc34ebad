namespace Fluoro.XRay;

/// <summary>Body of <c>POST /UntagResource</c>.</summary>
public sealed record UntagResourceRequest
{
    /// <summary>The group or sampling rule ARN.</summary>
    public string? ResourceARN { get; init; }

    /// <summary>Keys to remove.</summary>
    public IReadOnlyList<string>? TagKeys { get; init; }
}
