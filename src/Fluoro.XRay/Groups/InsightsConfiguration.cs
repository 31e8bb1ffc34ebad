namespace Fluoro.XRay;

/// <summary>A group's insights settings.</summary>
public sealed record InsightsConfiguration
{
    /// <summary>Insights enabled.</summary>
    public bool? InsightsEnabled { get; init; }

    /// <summary>Insight notifications enabled.</summary>
    public bool? NotificationsEnabled { get; init; }
}
