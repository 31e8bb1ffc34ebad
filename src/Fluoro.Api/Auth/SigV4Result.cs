namespace Fluoro.Api.Auth;

/// <summary>The outcome of checking one request's signature.</summary>
/// <param name="ErrorCode">Null when the signature is valid; otherwise the AWS error code to answer with (403).</param>
/// <param name="Message">Human-readable reason.</param>
/// <param name="AccessKeyId">The access key the request claimed, when it could be read.</param>
public sealed record SigV4Result(string? ErrorCode, string Message, string? AccessKeyId = null)
{
    /// <summary>True when the request is authentic.</summary>
    public bool IsValid => ErrorCode is null;
}
