using Fluoro.FilterExpressions;

namespace Fluoro.FilterExpressions.Tests;

/// <summary>Terse constructors for expected trees.</summary>
internal static class Ast
{
    public static KeywordNode Kw(FilterKeyword keyword) => new(keyword);

    public static KeywordNode Kw(FilterKeyword keyword, ComparisonOperator op, double value) => new(keyword, op, new NumberValue(value));

    public static KeywordNode Kw(FilterKeyword keyword, ComparisonOperator op, string value) => new(keyword, op, new StringValue(value));

    public static KeywordNode Kw(FilterKeyword keyword, ComparisonOperator op, bool value) => new(keyword, op, FilterValue.From(value));

    public static AndNode And(FilterNode left, FilterNode right) => new(left, right);

    public static AndNode And(FilterNode a, FilterNode b, FilterNode c) => new(new AndNode(a, b), c);

    public static OrNode Or(FilterNode left, FilterNode right) => new(left, right);

    public static NotNode Not(FilterNode operand) => new(operand);

    public static ServiceNode Service(string? name, FilterNode? filter = null) =>
        new(name is null ? null : ServiceTarget.ForName(name), filter);

    public static ServiceNode Service(ServiceTarget target, FilterNode? filter = null) => new(target, filter);
}
