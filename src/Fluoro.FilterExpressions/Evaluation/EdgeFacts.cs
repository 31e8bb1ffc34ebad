namespace Fluoro.FilterExpressions;

/// <summary>Plain settable implementation of <see cref="IEdgeFacts"/>.</summary>
public sealed class EdgeFacts : IEdgeFacts
{
    public required IServiceFacts Source { get; init; }

    public required IServiceFacts Destination { get; init; }

    public IReadOnlyList<ISegmentFacts> Calls { get; init; } = [];
}
