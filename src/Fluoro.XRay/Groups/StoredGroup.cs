namespace Fluoro.XRay;

/// <summary>A group as persisted.</summary>
internal sealed record StoredGroup
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public string? FilterExpression { get; init; }

    public InsightsConfiguration? Insights { get; init; }

    public List<XRayTag> Tags { get; init; } = [];
}
