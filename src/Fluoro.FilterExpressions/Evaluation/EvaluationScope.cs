namespace Fluoro.FilterExpressions;

/// <summary>What the keywords of the expression being evaluated refer to.</summary>
internal enum EvaluationScope
{
    Trace,
    Service,
    Edge,
    RootCause,
}
