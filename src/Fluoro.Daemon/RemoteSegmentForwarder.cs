using System.Net.Http.Headers;
using System.Text.Json;
using Fluoro.XRay;

namespace Fluoro.Daemon;

/// <summary>
/// An <see cref="ISegmentIngest"/> that sends each batch to a remote Fluoro (or any X-Ray-compatible endpoint) as
/// one PutTraceSegments call, so a daemon can run beside an application and ship to a central server.
/// </summary>
public sealed class RemoteSegmentForwarder : ISegmentIngest
{
    private readonly HttpClient _http;
    private readonly Uri _putTraceSegments;

    /// <summary>Creates a forwarder to <paramref name="endpoint"/>, e.g. <c>http://collector:4566</c>.</summary>
    public RemoteSegmentForwarder(HttpClient http, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = http;
        // Relative, so an endpoint behind a path prefix (a reverse proxy) keeps its prefix.
        _putTraceSegments = new Uri(endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/"), "TraceSegments");
    }

    /// <inheritdoc />
    public async ValueTask<IngestResult> IngestAsync(IReadOnlyList<ReadOnlyMemory<byte>> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("TraceSegmentDocuments"u8);
            foreach (var document in documents)
            {
                writer.WriteStringValue(document.Span);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_putTraceSegments, content, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"PutTraceSegments answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }

        var unprocessed = new List<UnprocessedTraceSegment>();
        using var json = JsonDocument.Parse(bytes);
        if (json.RootElement.TryGetProperty("UnprocessedTraceSegments", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                unprocessed.Add(new UnprocessedTraceSegment(
                    item.TryGetProperty("Id", out var id) ? id.GetString() : null,
                    item.TryGetProperty("ErrorCode", out var code) ? code.GetString() ?? "Unknown" : "Unknown",
                    item.TryGetProperty("Message", out var message) ? message.GetString() ?? "" : ""));
            }
        }

        return new IngestResult(documents.Count - unprocessed.Count, unprocessed);
    }
}
