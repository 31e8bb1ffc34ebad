namespace Fluoro.Tracing.Documents;

/// <summary>The <c>http.request</c> object.</summary>
public sealed class HttpRequestData
{
    /// <summary>Method, e.g. <c>GET</c>.</summary>
    public string? Method { get; set; }

    /// <summary>Full URL.</summary>
    public string? Url { get; set; }

    /// <summary>User agent.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Client address.</summary>
    public string? ClientIp { get; set; }

    /// <summary>True when <see cref="ClientIp"/> came from <c>X-Forwarded-For</c> (segments only).</summary>
    public bool? XForwardedFor { get; set; }

    /// <summary>True when the downstream call is traced too (subsegments only).</summary>
    public bool? Traced { get; set; }
}
