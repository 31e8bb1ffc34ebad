namespace Fluoro.FilterExpressions;

/// <summary>A service in a root cause's service chain.</summary>
public sealed record RootCauseServiceFacts
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Names { get; init; } = [];

    public string? Type { get; init; }

    public string? AccountId { get; init; }

    public bool Inferred { get; init; }

    /// <summary>Entities from the service segment down to the root-cause entity.</summary>
    public IReadOnlyList<RootCauseEntityFacts> EntityPath { get; init; } = [];
}
