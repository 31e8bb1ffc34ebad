namespace Fluoro.XRay;

/// <summary>Response of GetGroups.</summary>
public sealed record GetGroupsResult
{
    /// <summary>Every group created by users.</summary>
    public IReadOnlyList<XRayGroup> Groups { get; init; } = [];

    /// <summary>Never set.</summary>
    public string? NextToken { get; init; }
}
