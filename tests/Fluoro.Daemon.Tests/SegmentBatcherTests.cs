using System.Text;
using Fluoro.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fluoro.Daemon.Tests;

public sealed class SegmentBatcherTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly DaemonCounters _counters = new();

    [Fact]
    public async Task FullBatch_IsSentWithoutWaitingForTheTimer()
    {
        var (queue, batcher, ingest, run) = Start(batchSize: 3);
        for (var i = 0; i < 3; i++)
        {
            queue.Enqueue(Doc($"doc{i}"));
        }

        await ingest.WaitForDocumentsAsync(3);

        Assert.Single(ingest.Batches);
        Assert.Equal(["doc0", "doc1", "doc2"], ingest.Batches[0]);
        await StopAsync(batcher, run);
    }

    [Fact]
    public async Task PartialBatch_WaitsForTheFlushInterval()
    {
        var (queue, batcher, ingest, run) = Start(batchSize: 50);
        queue.Enqueue(Doc("lonely"));

        // Real time passes but the fake clock does not: nothing may be sent yet.
        await Task.Delay(200);
        Assert.Empty(ingest.Batches);

        _time.Advance(TimeSpan.FromSeconds(1));
        await ingest.WaitForDocumentsAsync(1);

        Assert.Equal(["lonely"], ingest.Documents);
        await StopAsync(batcher, run);
    }

    [Fact]
    public async Task Stop_SendsEverythingQueued()
    {
        var (queue, batcher, ingest, run) = Start(batchSize: 4);
        for (var i = 0; i < 10; i++)
        {
            queue.Enqueue(Doc($"d{i}"));
        }

        await StopAsync(batcher, run);

        Assert.Equal(10, ingest.Documents.Count);
        Assert.Equal(10, _counters.Forwarded);
        Assert.Equal(10, _counters.Stored);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task UnprocessedDocuments_AreCountedSeparatelyFromStored()
    {
        var (queue, batcher, ingest, run) = Start(batchSize: 3);
        queue.Enqueue(Doc("ok1"));
        queue.Enqueue(Doc("\"reject\""));
        queue.Enqueue(Doc("ok2"));
        await ingest.WaitForDocumentsAsync(3);
        await StopAsync(batcher, run);

        Assert.Equal(3, _counters.Forwarded);
        Assert.Equal(2, _counters.Stored);
        Assert.Equal(1, _counters.Unprocessed);
    }

    [Fact]
    public async Task FailingIngest_CountsTheBatchAsFailedAndKeepsRunning()
    {
        var calls = 0;
        var (queue, batcher, ingest, run) = Start(batchSize: 2);
        ingest.BeforeIngest = () => Interlocked.Increment(ref calls) == 1 ? throw new IOException("store down") : Task.CompletedTask;
        queue.Enqueue(Doc("a"));
        queue.Enqueue(Doc("b"));
        queue.Enqueue(Doc("c"));
        queue.Enqueue(Doc("d"));
        await ingest.WaitForDocumentsAsync(2);
        await StopAsync(batcher, run);

        Assert.Equal(2, _counters.Failed);
        Assert.Equal(2, _counters.Stored);
    }

    [Fact]
    public void Queue_WhenFull_DropsOldestAndCounts()
    {
        var queue = new SegmentQueue(maxBytes: 1024 * 1024, maxCount: 3, _counters);
        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue(Doc($"d{i}"));
        }

        var drained = new List<QueuedDocument>();
        queue.DrainTo(drained, 10);

        Assert.Equal(2, _counters.Dropped);
        Assert.Equal(["d2", "d3", "d4"], drained.Select(d => Encoding.UTF8.GetString(d.Memory.Span)));
    }

    [Fact]
    public void Queue_IsBoundedByMemory()
    {
        // Each 1000-byte document rents a 1024-byte buffer; 4 KiB holds four of them.
        var queue = new SegmentQueue(maxBytes: 4096, maxCount: 1000, _counters);
        for (var i = 0; i < 10; i++)
        {
            queue.Enqueue(QueuedDocument.CopyOf(new byte[1000]));
        }

        Assert.True(queue.Bytes <= 4096, $"queued {queue.Bytes} bytes");
        Assert.Equal(10 - queue.Count, _counters.Dropped);
        Assert.True(queue.Count >= 1);
    }

    private (SegmentQueue Queue, SegmentBatcher Batcher, RecordingIngest Ingest, Task Run) Start(int batchSize)
    {
        var queue = new SegmentQueue(1024 * 1024, 10_000, _counters);
        var ingest = new RecordingIngest();
        var options = new DaemonOptions { BatchSize = batchSize, FlushInterval = TimeSpan.FromSeconds(1), MaxConcurrentBatches = 1 };
        var batcher = new SegmentBatcher(queue, ingest, options, _counters, _time, NullLogger.Instance);
        return (queue, batcher, ingest, Task.Run(batcher.RunAsync));
    }

    private static async Task StopAsync(SegmentBatcher batcher, Task run)
    {
        batcher.RequestStop();
        await run.DefaultTimeout();
    }

    private static QueuedDocument Doc(string text) => QueuedDocument.CopyOf(Encoding.UTF8.GetBytes(text));
}
