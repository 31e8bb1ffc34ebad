namespace Fluoro.XRay;

/// <summary>A group (the AWS <c>Group</c>/<c>GroupSummary</c> shape).</summary>
public sealed record XRayGroup
{
    /// <summary>The group's name.</summary>
    public string? GroupName { get; init; }

    /// <summary>The group's ARN.</summary>
    public string? GroupARN { get; init; }

    /// <summary>The filter expression that selects the group's traces; absent for the Default group.</summary>
    public string? FilterExpression { get; init; }

    /// <summary>Insights settings (stored and returned; Fluoro computes no insights).</summary>
    public InsightsConfiguration? InsightsConfiguration { get; init; }
}
