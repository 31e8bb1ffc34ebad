using System.Text.Json;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Api.Operations;

/// <summary>
/// <c>POST /TraceSegments</c>: each entry of <c>TraceSegmentDocuments</c> is a JSON document carried as a string.
/// Bad documents come back in <c>UnprocessedTraceSegments</c> with HTTP 200 while the rest are stored.
/// </summary>
internal sealed class PutTraceSegmentsOperation : XRayOperation
{
    /// <summary>Documents per call; the daemon sends 50, exporters a few hundred at most.</summary>
    internal const int MaxDocuments = 1000;

    public override string Name => "PutTraceSegments";

    public override string Path => "/TraceSegments";

    // 1000 documents of the usual ~1 KB plus escaping fit comfortably; the AWS daemon's batches are far smaller.
    public override int MaxRequestBytes => 8 * 1024 * 1024;

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var documents = ReadDocuments(body.Span);
        var result = await services.GetRequiredService<ISegmentIngest>().IngestAsync(documents, cancellationToken);
        services.GetRequiredService<ApiCounters>().AddSegments(documents.Count, result.Unprocessed.Count);
        var logger = services.GetService<ILogger<PutTraceSegmentsOperation>>();
        if (logger is not null)
        {
            Log.SegmentsPut(logger, result.Accepted, result.Unprocessed.Count);
        }

        return WriteResult(result.Unprocessed);
    }

    internal static List<ReadOnlyMemory<byte>> ReadDocuments(ReadOnlySpan<byte> body)
    {
        var documents = new List<ReadOnlyMemory<byte>>();
        var found = false;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new XRayRequestException("The request body must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("TraceSegmentDocuments"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new XRayRequestException("TraceSegmentDocuments must be a list of strings.");
                }

                found = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new XRayRequestException("Each entry of TraceSegmentDocuments must be a string holding one JSON document.");
                    }

                    if (documents.Count == MaxDocuments)
                    {
                        throw new XRayRequestException($"TraceSegmentDocuments holds more than {MaxDocuments} documents.");
                    }

                    // Unescaped text is never longer than its escaped form, so the escaped length bounds the copy.
                    var buffer = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
                    var written = reader.CopyString(buffer);
                    documents.Add(buffer.AsMemory(0, written));
                }
            }
        }
        catch (JsonException ex)
        {
            throw new XRayRequestException("The request body is not valid JSON: " + ex.Message);
        }

        if (!found)
        {
            throw new XRayRequestException("1 validation error detected: Value null at 'traceSegmentDocuments' failed to satisfy constraint: Member must not be null");
        }

        return documents;
    }

    private static byte[] WriteResult(IReadOnlyList<UnprocessedTraceSegment> unprocessed)
    {
        using var buffer = new MemoryStream(32 + unprocessed.Count * 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("UnprocessedTraceSegments"u8);
            foreach (var entry in unprocessed)
            {
                writer.WriteStartObject();
                if (entry.Id is not null)
                {
                    writer.WriteString("Id"u8, entry.Id);
                }

                writer.WriteString("ErrorCode"u8, entry.ErrorCode);
                writer.WriteString("Message"u8, entry.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
