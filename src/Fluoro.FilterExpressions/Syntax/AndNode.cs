namespace Fluoro.FilterExpressions;

/// <summary>Both sides must hold. Written as <c>AND</c> or by juxtaposition (<c>ok !partial</c>).</summary>
public sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitAnd(this);
}
