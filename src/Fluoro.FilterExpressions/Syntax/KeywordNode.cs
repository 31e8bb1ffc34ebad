namespace Fluoro.FilterExpressions;

/// <summary>
/// A simple keyword, either bare (<c>ok</c>, <c>http.url</c>) or compared with a value (<c>duration &gt;= 5</c>).
/// <see cref="Operator"/> and <see cref="Value"/> are both null or both set; the parser guarantees the value type
/// fits the keyword's <see cref="FilterKeywords.KindOf"/> and the operator fits the value.
/// </summary>
public sealed record KeywordNode(FilterKeyword Keyword, ComparisonOperator? Operator = null, FilterValue? Value = null) : FilterNode
{
    public override TResult Accept<TResult>(IFilterNodeVisitor<TResult> visitor) => visitor.VisitKeyword(this);
}
