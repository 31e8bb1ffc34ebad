namespace Fluoro.XRay;

/// <summary>
/// A request the X-Ray API must refuse with a client error. <see cref="ErrorCode"/> is the AWS error shape name
/// (for example <c>InvalidRequestException</c>) that the API layer writes as <c>__type</c> / <c>x-amzn-ErrorType</c>.
/// </summary>
public sealed class XRayRequestException : Exception
{
    /// <summary>The AWS error code for malformed or unsupported requests.</summary>
    public const string InvalidRequest = "InvalidRequestException";

    /// <summary>Creates an error with an explicit AWS error code.</summary>
    public XRayRequestException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates an <c>InvalidRequestException</c>.</summary>
    public XRayRequestException(string message)
        : this(InvalidRequest, message)
    {
    }

    /// <summary>Creates an <c>InvalidRequestException</c> with a generic message.</summary>
    public XRayRequestException()
        : this(InvalidRequest, "The request is invalid.")
    {
    }

    /// <summary>Creates an <c>InvalidRequestException</c> wrapping a cause.</summary>
    public XRayRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = InvalidRequest;
    }

    /// <summary>AWS error shape name, e.g. <c>InvalidRequestException</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The AWS error code for a resource (group, rule, policy, retrieval) that does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFoundException";

    /// <summary>HTTP status the API should answer with: the modeled status of <see cref="ErrorCode"/>.</summary>
    public int StatusCode => ErrorCode switch
    {
        ResourceNotFound => 404,
        "ThrottledException" => 429,
        _ => 400,
    };
}
