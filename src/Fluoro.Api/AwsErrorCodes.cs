namespace Fluoro.Api;

/// <summary>Error shape names the AWS SDKs recognise, written as <c>__type</c> and <c>x-amzn-ErrorType</c>.</summary>
public static class AwsErrorCodes
{
    /// <summary>Malformed or invalid request (400).</summary>
    public const string InvalidRequest = "InvalidRequestException";

    /// <summary>No operation at this path and method (404).</summary>
    public const string UnknownOperation = "UnknownOperationException";

    /// <summary>Body larger than the operation accepts (413).</summary>
    public const string RequestEntityTooLarge = "RequestEntityTooLargeException";

    /// <summary>Unexpected server fault (500); SDKs retry it.</summary>
    public const string InternalFailure = "InternalFailure";

    /// <summary>The signature does not match the request (403).</summary>
    public const string InvalidSignature = "InvalidSignatureException";

    /// <summary>The access key id is not known (403).</summary>
    public const string UnrecognizedClient = "UnrecognizedClientException";

    /// <summary>No SigV4 credentials on a request that needs them (403).</summary>
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";
}
