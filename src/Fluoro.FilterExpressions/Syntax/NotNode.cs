namespace Fluoro.FilterExpressions;

/// <summary>Negation, written <c>!</c> or <c>NOT</c>. Binds tighter than AND and OR.</summary>
public sealed record NotNode(FilterNode Operand) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitNot(this);
}
