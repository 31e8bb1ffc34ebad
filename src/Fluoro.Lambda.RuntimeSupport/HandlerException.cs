namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>A handler string that cannot be resolved, with the Runtime.* error type Lambda reports.</summary>
internal sealed class HandlerException(string errorType, string message, Exception? inner = null) : Exception(message, inner)
{
    public string ErrorType { get; } = errorType;
}
