using System.Text;
using Fluoro.XRay;

namespace Fluoro.Api.Tests;

/// <summary>Accepts documents that contain "trace_id" and reports the rest as MissingTraceId.</summary>
internal sealed class FakeIngest : ISegmentIngest
{
    public List<string> Received { get; } = [];

    public ValueTask<IngestResult> IngestAsync(IReadOnlyList<ReadOnlyMemory<byte>> documents, CancellationToken cancellationToken = default)
    {
        var unprocessed = new List<UnprocessedTraceSegment>();
        foreach (var document in documents)
        {
            var text = Encoding.UTF8.GetString(document.Span);
            lock (Received)
            {
                Received.Add(text);
            }

            if (!text.Contains("trace_id", StringComparison.Ordinal))
            {
                unprocessed.Add(new UnprocessedTraceSegment(text.Contains("\"id\"", StringComparison.Ordinal) ? "53995c3f42cd8ad8" : null, "MissingTraceId", "Invalid segment. ErrorCode: MissingTraceId"));
            }
        }

        return ValueTask.FromResult(new IngestResult(documents.Count - unprocessed.Count, unprocessed));
    }
}
