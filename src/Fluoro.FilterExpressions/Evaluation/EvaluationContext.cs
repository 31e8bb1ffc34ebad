namespace Fluoro.FilterExpressions;

/// <summary>
/// The thing keywords currently refer to: the whole trace, one segment of a service node, one call on an edge, or
/// one root-cause element.
/// </summary>
internal readonly record struct EvaluationContext(
    EvaluationScope Scope,
    ITraceFacts Trace,
    ISegmentFacts? Segment,
    IServiceFacts? Service,
    RootCauseElement Element,
    int GroupDepth);
