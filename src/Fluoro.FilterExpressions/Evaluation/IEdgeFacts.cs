namespace Fluoro.FilterExpressions;

/// <summary>A connection between two services, with the caller-side (sub)segments that made the calls.</summary>
public interface IEdgeFacts
{
    IServiceFacts Source { get; }

    IServiceFacts Destination { get; }

    IReadOnlyList<ISegmentFacts> Calls { get; }
}
