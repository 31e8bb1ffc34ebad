namespace Fluoro.FilterExpressions;

/// <summary>Entry points for turning filter-expression text into a <see cref="FilterNode"/> tree.</summary>
public static class FilterExpression
{
    /// <summary>Longest expression text accepted; longer input is rejected before lexing.</summary>
    public const int MaxLength = 32 * 1024;

    /// <summary>Parses <paramref name="text"/>; keywords and operators are case-insensitive.</summary>
    /// <exception cref="FilterExpressionException">The text is not a valid expression; the message names the position.</exception>
    public static FilterNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parser.Parse(text);
    }

    /// <summary>Parses without throwing; on failure <paramref name="error"/> carries the position and message.</summary>
    public static bool TryParse(string? text, out FilterNode? node, out FilterExpressionException? error)
    {
        if (text is null)
        {
            node = null;
            error = new FilterExpressionException("expected a filter expression", 0);
            return false;
        }

        try
        {
            node = Parser.Parse(text);
            error = null;
            return true;
        }
        catch (FilterExpressionException ex)
        {
            node = null;
            error = ex;
            return false;
        }
    }
}
