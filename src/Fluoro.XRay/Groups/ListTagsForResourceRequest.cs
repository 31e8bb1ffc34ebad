namespace Fluoro.XRay;

/// <summary>Body of <c>POST /ListTagsForResource</c>.</summary>
public sealed record ListTagsForResourceRequest
{
    /// <summary>The group or sampling rule ARN.</summary>
    public string? ResourceARN { get; init; }

    /// <summary>Paging token (all tags fit one page).</summary>
    public string? NextToken { get; init; }
}
