namespace Fluoro.Tracing.Documents;

/// <summary>The <c>http</c> object.</summary>
public sealed class HttpData
{
    /// <summary>The request.</summary>
    public HttpRequestData? Request { get; set; }

    /// <summary>The response.</summary>
    public HttpResponseData? Response { get; set; }
}
