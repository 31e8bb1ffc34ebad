namespace Fluoro.FilterExpressions;

/// <summary>A service-graph node of the trace and the segments it produced (for inferred nodes: the calling subsegments).</summary>
public interface IServiceFacts
{
    string Name { get; }

    /// <summary>Every name the node is known by (aliases); may be empty.</summary>
    IReadOnlyList<string> Names { get; }

    string? Type { get; }

    string? AccountId { get; }

    bool IsInferred { get; }

    /// <summary>The node is the trace's entry point.</summary>
    bool IsRoot { get; }

    IReadOnlyList<ISegmentFacts> Segments { get; }
}
