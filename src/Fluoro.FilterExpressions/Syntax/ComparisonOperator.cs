namespace Fluoro.FilterExpressions;

/// <summary>Operators a keyword or annotation can be compared with.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Contains,
    BeginsWith,
    EndsWith,
}
