namespace Fluoro.FilterExpressions;

/// <summary>
/// The expression text is not a valid filter expression. <see cref="Position"/> is the zero-based character offset
/// where the problem was found; the message already names it, so the API can pass it straight through as the
/// <c>InvalidRequestException</c> message.
/// </summary>
public sealed class FilterExpressionException : Exception
{
    public FilterExpressionException()
        : this("Invalid filter expression.", 0)
    {
    }

    public FilterExpressionException(string message)
        : this(message, 0)
    {
    }

    public FilterExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FilterExpressionException(string message, int position)
        : base($"Invalid filter expression at position {position}: {message}")
    {
        Position = position;
        Detail = message;
    }

    public FilterExpressionException(string message, int position, Exception innerException)
        : base($"Invalid filter expression at position {position}: {message}", innerException)
    {
        Position = position;
        Detail = message;
    }

    /// <summary>Zero-based character offset into the expression.</summary>
    public int Position { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Detail { get; } = string.Empty;
}
