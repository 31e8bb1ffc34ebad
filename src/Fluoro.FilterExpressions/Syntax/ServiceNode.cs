namespace Fluoro.FilterExpressions;

/// <summary>
/// <c>service(target) { filter }</c>: the trace touched a service node matching <see cref="Target"/> (any node
/// when null) and, when <see cref="Filter"/> is set, one of that node's segments satisfies it.
/// </summary>
public sealed record ServiceNode(ServiceTarget? Target = null, FilterNode? Filter = null) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitService(this);
}
