namespace Fluoro.FilterExpressions;

/// <summary><c>group.name = "…"</c> or <c>group.arn = "…"</c>: the trace matches that group's filter expression.</summary>
public sealed record GroupNode(GroupReferenceKind Kind, string Value) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitGroup(this);
}
