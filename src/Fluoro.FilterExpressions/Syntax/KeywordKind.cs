namespace Fluoro.FilterExpressions;

/// <summary>The value type a keyword compares against, which decides its legal operators.</summary>
public enum KeywordKind
{
    Boolean,
    Number,
    String,
}
