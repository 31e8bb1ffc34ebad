namespace Fluoro.Storage;

/// <summary>
/// A backend-neutral predicate over whole traces that a store evaluates next to the time window of a
/// <see cref="TraceSearch"/>, so that a search returns only the traces that satisfy it.
/// <para>Semantics: a trace satisfies a filter when the boolean formula over its <em>current</em> records (after the
/// upsert rule of <see cref="ITraceWriter"/>) holds. Atoms look at what the store indexes: the top-level fields of
/// each record (<see cref="AnySegmentFilter"/>), the indexed annotations (<see cref="AnyAnnotationFilter"/>) and the
/// indexed downstream names (<see cref="DownstreamNameFilter"/>). Evaluation is exact: a backend returns every trace in the
/// window that satisfies the filter and no other.</para>
/// <para>Callers that only have an approximation of what they want (the X-Ray layer turns filter expressions that
/// need whole-trace computation into a filter that never rejects a match) confirm the candidates themselves.</para>
/// </summary>
public abstract record TraceFilter
{
    private protected TraceFilter()
    {
    }

    /// <summary>Every trace.</summary>
    public static TraceFilter All { get; } = new TraceFilterConstant(true);

    /// <summary>No trace.</summary>
    public static TraceFilter None { get; } = new TraceFilterConstant(false);

    /// <summary>Both hold; folds constants.</summary>
    public static TraceFilter And(TraceFilter left, TraceFilter right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left is TraceFilterConstant { Value: false } || right is TraceFilterConstant { Value: false })
        {
            return None;
        }

        return left is TraceFilterConstant { Value: true } ? right : right is TraceFilterConstant { Value: true } ? left : new TraceFilterAnd(left, right);
    }

    /// <summary>Either holds; folds constants.</summary>
    public static TraceFilter Or(TraceFilter left, TraceFilter right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left is TraceFilterConstant { Value: true } || right is TraceFilterConstant { Value: true })
        {
            return All;
        }

        return left is TraceFilterConstant { Value: false } ? right : right is TraceFilterConstant { Value: false } ? left : new TraceFilterOr(left, right);
    }

    /// <summary>Negation; folds constants and double negation.</summary>
    public static TraceFilter Not(TraceFilter operand)
    {
        ArgumentNullException.ThrowIfNull(operand);
        return operand switch
        {
            TraceFilterConstant constant => constant.Value ? None : All,
            TraceFilterNot not => not.Operand,
            _ => new TraceFilterNot(operand),
        };
    }
}
