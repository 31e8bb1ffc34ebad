namespace Fluoro.XRay;

/// <summary>Another name a caller used for an edge's target.</summary>
public sealed record GraphAlias
{
    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>Every such name.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>The alias's type.</summary>
    public string? Type { get; init; }
}
