namespace Fluoro.XRay;

/// <summary>Body of <c>POST /UpdateGroup</c>.</summary>
public sealed record UpdateGroupRequest
{
    /// <summary>The group's name.</summary>
    public string? GroupName { get; init; }

    /// <summary>The group's ARN.</summary>
    public string? GroupARN { get; init; }

    /// <summary>New filter expression, when given.</summary>
    public string? FilterExpression { get; init; }

    /// <summary>New insights settings, when given.</summary>
    public InsightsConfiguration? InsightsConfiguration { get; init; }
}
