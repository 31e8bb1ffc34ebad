namespace Fluoro.FilterExpressions;

/// <summary>
/// <c>edge(source, destination) { filter }</c>: the trace has a call between the two services and, when
/// <see cref="Filter"/> is set, one of the calls on that connection satisfies it.
/// </summary>
public sealed record EdgeNode(ServiceTarget Source, ServiceTarget Destination, FilterNode? Filter = null) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitEdge(this);
}
