namespace Fluoro.XRay;

/// <summary>
/// Hook for GetTraceSummaries filter expressions. When one is registered, a non-empty <c>FilterExpression</c> is
/// compiled once per call and the predicate is applied to every candidate trace; when none is registered such
/// requests are refused with <c>InvalidRequestException</c>.
/// </summary>
public interface ITraceFilterCompiler
{
    /// <summary>
    /// Compiles an expression into a predicate. Throws <see cref="XRayRequestException"/> for an expression that
    /// does not parse (the message is shown to the user).
    /// </summary>
    Func<TraceFilterInput, bool> Compile(string filterExpression);

    /// <summary>
    /// A store filter every trace accepted by <see cref="Compile"/>'s predicate satisfies (a sound pre-filter the
    /// store evaluates, e.g. as SQL); candidates are still confirmed with the predicate. The default pushes nothing.
    /// </summary>
    Storage.TraceFilter CompileStoreFilter(string filterExpression) => Storage.TraceFilter.All;
}
