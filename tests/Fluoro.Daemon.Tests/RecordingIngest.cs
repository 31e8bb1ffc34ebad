using System.Collections.Concurrent;
using System.Text;
using Fluoro.Testing;
using Fluoro.XRay;

namespace Fluoro.Daemon.Tests;

/// <summary>An ISegmentIngest that records what it receives; can reject documents containing a marker.</summary>
internal sealed class RecordingIngest : ISegmentIngest
{
    private readonly ConcurrentQueue<IReadOnlyList<string>> _batches = new();
    private readonly SemaphoreSlim _batchArrived = new(0);

    public string RejectMarker { get; init; } = "\"reject\"";

    public Func<Task>? BeforeIngest { get; set; }

    public IReadOnlyList<IReadOnlyList<string>> Batches => [.. _batches];

    public IReadOnlyList<string> Documents => [.. _batches.SelectMany(b => b)];

    public async ValueTask<IngestResult> IngestAsync(IReadOnlyList<ReadOnlyMemory<byte>> documents, CancellationToken cancellationToken = default)
    {
        if (BeforeIngest is { } before)
        {
            await before();
        }

        // Copy now: the daemon returns the buffers to its pool once this call completes.
        var copies = documents.Select(d => Encoding.UTF8.GetString(d.Span)).ToList();
        var unprocessed = copies.Where(d => d.Contains(RejectMarker, StringComparison.Ordinal))
            .Select(_ => new UnprocessedTraceSegment(null, "InvalidJson", "rejected by test"))
            .ToList();
        _batches.Enqueue(copies);
        _batchArrived.Release();
        return new IngestResult(copies.Count - unprocessed.Count, unprocessed);
    }

    public async Task WaitForDocumentsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        while (Documents.Count < count)
        {
            await _batchArrived.WaitAsync(timeout.Token);
        }
    }
}
