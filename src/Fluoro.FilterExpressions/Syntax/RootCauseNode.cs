namespace Fluoro.FilterExpressions;

/// <summary>
/// <c>rootcause.CATEGORY.SCOPE { filter }</c>: some element (service, entity or exception) of the trace's
/// root-cause lists of that category satisfies the filter. Inside the block, <c>first</c>/<c>last</c>/<c>index</c>
/// refer to the element's position in its list.
/// </summary>
public sealed record RootCauseNode(RootCauseCategory Category, RootCauseScope Scope, FilterNode Filter) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitRootCause(this);
}
