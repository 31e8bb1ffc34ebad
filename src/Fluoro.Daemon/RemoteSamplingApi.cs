using System.Net.Http.Headers;
using Fluoro.Api.Sampling;
using Fluoro.XRay;

namespace Fluoro.Daemon;

/// <summary>Relays the SDKs' sampling calls to a remote Fluoro, as the AWS daemon proxies them to X-Ray.</summary>
public sealed class RemoteSamplingApi : ISamplingApi
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <summary>Creates a relay to <paramref name="endpoint"/>.</summary>
    public RemoteSamplingApi(HttpClient http, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = http;
        _endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }

    /// <inheritdoc />
    public ValueTask<byte[]> GetSamplingRulesAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        PostAsync("GetSamplingRules", requestJson, cancellationToken);

    /// <inheritdoc />
    public ValueTask<byte[]> GetSamplingTargetsAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        PostAsync("SamplingTargets", requestJson, cancellationToken);

    private async ValueTask<byte[]> PostAsync(string path, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri(_endpoint, path), content, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            throw new XRayRequestException(System.Text.Encoding.UTF8.GetString(bytes));
        }

        response.EnsureSuccessStatusCode();
        return bytes;
    }
}
