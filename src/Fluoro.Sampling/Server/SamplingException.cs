namespace Fluoro.Sampling;

/// <summary>
/// A request the sampling engine refuses. <see cref="ErrorType"/> is the AWS error code to send back
/// (<c>InvalidRequestException</c> or <c>RuleLimitExceededException</c>, both HTTP 400); the message is client-safe.
/// </summary>
public sealed class SamplingException : Exception
{
    public const string InvalidRequest = "InvalidRequestException";
    public const string RuleLimitExceeded = "RuleLimitExceededException";

    public SamplingException()
        : this(InvalidRequest, "Invalid sampling request.")
    {
    }

    public SamplingException(string message)
        : this(InvalidRequest, message)
    {
    }

    public SamplingException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = InvalidRequest;
    }

    public SamplingException(string errorType, string message)
        : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>The AWS error code (the <c>__type</c> / <c>x-amzn-ErrorType</c> value).</summary>
    public string ErrorType { get; }

    /// <summary>HTTP status for <see cref="ErrorType"/>; both codes are client errors.</summary>
    public int StatusCode => 400;

    internal static SamplingException Invalid(string message) => new(InvalidRequest, message);
}
