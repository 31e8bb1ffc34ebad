namespace Fluoro.XRay;

/// <summary>Body of <c>POST /CreateGroup</c>.</summary>
public sealed record CreateGroupRequest
{
    /// <summary>Name, 1–32 characters; <c>Default</c> is reserved.</summary>
    public string? GroupName { get; init; }

    /// <summary>Filter expression selecting the group's traces.</summary>
    public string? FilterExpression { get; init; }

    /// <summary>Insights settings.</summary>
    public InsightsConfiguration? InsightsConfiguration { get; init; }

    /// <summary>Tags for the new group.</summary>
    public IReadOnlyList<XRayTag>? Tags { get; init; }
}
