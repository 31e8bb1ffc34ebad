namespace Fluoro.FilterExpressions;

/// <summary>
/// <c>annotation.KEY</c> (or the extension form <c>annotation["KEY"]</c>), bare meaning "is set on some segment",
/// or compared with a string, number or boolean value. Keys are case-sensitive.
/// </summary>
public sealed record AnnotationNode(string Key, ComparisonOperator? Operator = null, FilterValue? Value = null) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitAnnotation(this);
}
