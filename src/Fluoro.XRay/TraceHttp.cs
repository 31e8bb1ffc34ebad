namespace Fluoro.XRay;

/// <summary>The <c>Http</c> member of a trace summary (root segment's request and response).</summary>
public sealed record TraceHttp
{
    /// <summary>Request URL.</summary>
    public string? HttpURL { get; init; }

    /// <summary>Response status.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Request method.</summary>
    public string? HttpMethod { get; init; }

    /// <summary>Request user agent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Client address.</summary>
    public string? ClientIp { get; init; }
}
