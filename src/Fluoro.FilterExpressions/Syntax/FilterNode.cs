namespace Fluoro.FilterExpressions;

/// <summary>
/// Base of the immutable filter-expression syntax tree. Nodes are records, so two trees that print the same
/// expression compare equal, which is what the round-trip tests and any expression cache rely on.
/// </summary>
/// <remarks>
/// Pushdown notes for a store compiler (see <see cref="IFilterNodeVisitor{TResult}"/>): <see cref="AndNode"/>,
/// <see cref="OrNode"/>, <see cref="NotNode"/>, top-level <see cref="KeywordNode"/> comparisons on root-segment
/// or trace columns, <see cref="AnnotationNode"/> (an EXISTS over an annotation table) and a block-less
/// <see cref="ServiceNode"/> (an EXISTS over the trace's service names) translate directly to SQL predicates.
/// <see cref="ServiceNode"/>/<see cref="EdgeNode"/> blocks need a correlated per-segment subquery, and
/// <see cref="RootCauseNode"/>/<see cref="RootCauseJsonNode"/> need materialised root causes; a compiler that
/// cannot push those down should prefilter with the rest and finish with <see cref="FilterEvaluator"/>.
/// </remarks>
public abstract record FilterNode
{
    private protected FilterNode()
    {
    }

    /// <summary>Double dispatch for compilers and analysers that walk the tree.</summary>
    public abstract TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor);

    /// <summary>The node printed back as filter-expression text that parses to an equal tree.</summary>
    public sealed override string ToString() => FilterExpressionPrinter.Print(this);
}
