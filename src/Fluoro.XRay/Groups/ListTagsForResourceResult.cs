namespace Fluoro.XRay;

/// <summary>Response of ListTagsForResource.</summary>
public sealed record ListTagsForResourceResult
{
    /// <summary>The resource's tags.</summary>
    public IReadOnlyList<XRayTag> Tags { get; init; } = [];

    /// <summary>Never set.</summary>
    public string? NextToken { get; init; }
}
