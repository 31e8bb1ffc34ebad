namespace Fluoro.FilterExpressions;

/// <summary>
/// <c>rootcause.json = #[ … ]</c>: every object in the array must be a partial match (omitted members are
/// wildcards) of one of the trace's root causes. <see cref="Json"/> holds the array in compact canonical form so
/// equal patterns compare equal regardless of the whitespace they were written with.
/// </summary>
public sealed record RootCauseJsonNode(string Json) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitRootCauseJson(this);
}
