namespace Fluoro.FilterExpressions;

/// <summary>Plain settable implementation of <see cref="IServiceFacts"/>.</summary>
public sealed class ServiceFacts : IServiceFacts
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Names { get; init; } = [];

    public string? Type { get; init; }

    public string? AccountId { get; init; }

    public bool IsInferred { get; init; }

    public bool IsRoot { get; init; }

    public IReadOnlyList<ISegmentFacts> Segments { get; init; } = [];
}
