namespace Fluoro.Tracing.Documents;

/// <summary>The <c>http.response</c> object.</summary>
public sealed class HttpResponseData
{
    /// <summary>Status code.</summary>
    public int? Status { get; set; }

    /// <summary>Body length in bytes (a numeric string is accepted when reading).</summary>
    public long? ContentLength { get; set; }
}
