using Fluoro.XRay;
using Microsoft.Extensions.Logging;

namespace Fluoro.Daemon;

/// <summary>
/// Takes documents off the queue and hands them to the ingest service in batches: a batch goes when it is full or
/// when its first document has waited <see cref="DaemonOptions.FlushInterval"/>. Several batches may be in flight so
/// that a store with group commit sees concurrent writers. On stop, everything queued is sent before returning.
/// </summary>
internal sealed class SegmentBatcher
{
    private readonly SegmentQueue _queue;
    private readonly ISegmentIngest _ingest;
    private readonly DaemonCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _batchSize;
    private readonly TimeSpan _flushInterval;
    private readonly SemaphoreSlim _slots;
    private readonly int _maxConcurrent;
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SegmentBatcher(SegmentQueue queue, ISegmentIngest ingest, DaemonOptions options, DaemonCounters counters, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _ingest = ingest;
        _counters = counters;
        _time = time;
        _logger = logger;
        _batchSize = Math.Max(1, options.BatchSize);
        _flushInterval = options.FlushInterval;
        _maxConcurrent = Math.Max(1, options.MaxConcurrentBatches);
        _slots = new SemaphoreSlim(_maxConcurrent, _maxConcurrent);
    }

    /// <summary>Asks <see cref="RunAsync"/> to send what is queued and return.</summary>
    public void RequestStop() => _stopRequested.TrySetResult();

    public async Task RunAsync()
    {
        var batch = new List<QueuedDocument>(_batchSize);
        long batchStarted = 0;
        Task? doorbell = null;
        using var cancelWaits = new CancellationTokenSource();
        while (true)
        {
            var before = batch.Count;
            _queue.DrainTo(batch, _batchSize - batch.Count);
            if (before == 0 && batch.Count > 0)
            {
                batchStarted = _time.GetTimestamp();
            }

            if (batch.Count >= _batchSize)
            {
                await SendAsync(batch);
                batch = new List<QueuedDocument>(_batchSize);
                continue;
            }

            if (_stopRequested.Task.IsCompleted)
            {
                if (batch.Count > 0)
                {
                    await SendAsync(batch);
                    batch = new List<QueuedDocument>(_batchSize);
                }

                if (_queue.Count == 0)
                {
                    break;
                }

                continue;
            }

            doorbell ??= _queue.WaitForItemsAsync(cancelWaits.Token);
            if (batch.Count == 0)
            {
                await Task.WhenAny(doorbell, _stopRequested.Task);
            }
            else
            {
                var remaining = _flushInterval - _time.GetElapsedTime(batchStarted);
                if (remaining <= TimeSpan.Zero)
                {
                    await SendAsync(batch);
                    batch = new List<QueuedDocument>(_batchSize);
                    continue;
                }

                await Task.WhenAny(doorbell, _stopRequested.Task, Task.Delay(remaining, _time, cancelWaits.Token));
            }

            if (doorbell.IsCompleted)
            {
                doorbell = null;
            }
        }

        await cancelWaits.CancelAsync();

        // Wait for batches still in flight: the caller disposes the store next.
        for (var i = 0; i < _maxConcurrent; i++)
        {
            await _slots.WaitAsync();
        }

        _slots.Release(_maxConcurrent);
    }

    private async Task SendAsync(List<QueuedDocument> batch)
    {
        await _slots.WaitAsync();
        _ = Task.Run(() => IngestAsync(batch));
    }

    private async Task IngestAsync(List<QueuedDocument> batch)
    {
        try
        {
            var documents = new ReadOnlyMemory<byte>[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                documents[i] = batch[i].Memory;
            }

            var result = await _ingest.IngestAsync(documents, CancellationToken.None);
            _counters.AddBatch(batch.Count, result.Accepted, result.Unprocessed.Count);
            Log.BatchStored(_logger, batch.Count, result.Unprocessed.Count);
            foreach (var entry in result.Unprocessed)
            {
                Log.SegmentUnprocessed(_logger, entry.Id, entry.ErrorCode, entry.Message);
            }
        }
        catch (Exception ex)
        {
            _counters.AddFailedBatch(batch.Count);
            Log.BatchFailed(_logger, batch.Count, ex);
        }
        finally
        {
            // The ingest contract says nothing of the batch is referenced once the call completes.
            foreach (var document in batch)
            {
                document.Return();
            }

            _slots.Release();
        }
    }
}
