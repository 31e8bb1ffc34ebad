namespace Fluoro.FilterExpressions;

/// <summary>A (sub)segment on a root cause's entity path.</summary>
public sealed record RootCauseEntityFacts
{
    public required string Name { get; init; }

    public bool Remote { get; init; }

    /// <summary>Response-time root causes only: entity time / root response time.</summary>
    public double? Coverage { get; init; }

    public IReadOnlyList<RootCauseExceptionFacts> Exceptions { get; init; } = [];
}
