namespace Fluoro.FilterExpressions;

/// <summary>Either side holds. Binds looser than AND.</summary>
public sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitOr(this);
}
