using Microsoft.AspNetCore.Http;

namespace Fluoro.Api.Auth;

/// <summary>What the SigV4 middleware checks against and what it lets through unsigned.</summary>
public sealed class SigV4AuthenticationOptions
{
    /// <summary>Creates options for <paramref name="keys"/>.</summary>
    public SigV4AuthenticationOptions(AccessKeyStore keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = keys;
    }

    /// <summary>Accepted access keys.</summary>
    public AccessKeyStore Keys { get; }

    /// <summary>Requests that need no signature (health, the console's static files). Default: none.</summary>
    public Func<HttpRequest, bool> IsExempt { get; init; } = static _ => false;

    /// <summary>
    /// Requests authenticated by other means than a signature (the console's session cookie plus its header).
    /// Default: none.
    /// </summary>
    public Func<HttpRequest, bool> IsAuthenticatedOtherwise { get; init; } = static _ => false;
}
