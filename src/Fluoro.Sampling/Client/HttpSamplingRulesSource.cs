using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Fluoro.Sampling;

/// <summary>
/// Feeds a poller over HTTP, the way SDKs talk to the daemon's TCP port: unsigned <c>POST /GetSamplingRules</c> and
/// <c>POST /SamplingTargets</c> with JSON bodies.
/// </summary>
public sealed class HttpSamplingRulesSource : ISamplingRulesSource
{
    private readonly HttpClient _http;
    private readonly Uri _rules;
    private readonly Uri _targets;

    /// <param name="http">The client to send with; its lifetime stays with the caller.</param>
    /// <param name="baseAddress">For example <c>http://127.0.0.1:2000/</c>.</param>
    public HttpSamplingRulesSource(HttpClient http, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = http;
        _rules = new Uri(baseAddress, "/GetSamplingRules");
        _targets = new Uri(baseAddress, "/SamplingTargets");
    }

    public async Task<GetSamplingRulesResponse> GetSamplingRulesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(_rules, "{}"u8.ToArray(), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(SamplingJsonContext.Default.GetSamplingRulesResponse, cancellationToken)
            ?? throw new InvalidDataException("GetSamplingRules returned an empty body.");
    }

    public async Task<GetSamplingTargetsResponse> GetSamplingTargetsAsync(GetSamplingTargetsRequest request, CancellationToken cancellationToken = default)
    {
        var body = SamplingJson.Serialize(request, SamplingJsonContext.Default.GetSamplingTargetsRequest);
        using var response = await PostAsync(_targets, body, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(SamplingJsonContext.Default.GetSamplingTargetsResponse, cancellationToken)
            ?? throw new InvalidDataException("GetSamplingTargets returned an empty body.");
    }

    // A buffered body carries Content-Length, as the SDKs send it; not every daemon endpoint takes chunked bodies.
    private async Task<HttpResponseMessage> PostAsync(Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _http.PostAsync(uri, content, cancellationToken);
    }
}
