namespace Fluoro.XRay;

/// <summary>A resource tag.</summary>
public sealed record XRayTag
{
    /// <summary>Tag key (1–128 characters).</summary>
    public string? Key { get; init; }

    /// <summary>Tag value (0–256 characters).</summary>
    public string? Value { get; init; }
}
