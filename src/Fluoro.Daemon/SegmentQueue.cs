using System.Threading.Channels;

namespace Fluoro.Daemon;

/// <summary>
/// The daemon's bounded buffer between the UDP readers and the batcher. It is bounded by memory (the rented
/// buffers' real sizes) and by count; when either is exceeded the oldest document is dropped and counted, so the
/// newest data wins and the readers never block, as in the AWS daemon.
/// </summary>
internal sealed class SegmentQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<QueuedDocument> _items = new();
    private readonly long _maxBytes;
    private readonly int _maxCount;
    private readonly DaemonCounters _counters;

    // A one-slot doorbell: rung after every enqueue, so the consumer can sleep without a lost wake-up.
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _bytes;

    public SegmentQueue(long maxBytes, int maxCount, DaemonCounters counters)
    {
        _maxBytes = maxBytes;
        _maxCount = maxCount;
        _counters = counters;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Enqueue(QueuedDocument document)
    {
        lock (_lock)
        {
            while (_items.Count > 0 && (_items.Count >= _maxCount || _bytes + document.Buffer.Length > _maxBytes))
            {
                var oldest = _items.Dequeue();
                _bytes -= oldest.Buffer.Length;
                oldest.Return();
                _counters.AddDropped();
            }

            _items.Enqueue(document);
            _bytes += document.Buffer.Length;
        }

        _doorbell.Writer.TryWrite(true);
    }

    /// <summary>Moves up to <paramref name="max"/> documents into <paramref name="batch"/>; returns how many.</summary>
    public int DrainTo(List<QueuedDocument> batch, int max)
    {
        lock (_lock)
        {
            var moved = 0;
            while (moved < max && _items.TryDequeue(out var document))
            {
                _bytes -= document.Buffer.Length;
                batch.Add(document);
                moved++;
            }

            return moved;
        }
    }

    /// <summary>Completes when something may have been enqueued since the last call.</summary>
    public async Task WaitForItemsAsync(CancellationToken cancellationToken)
    {
        if (await _doorbell.Reader.WaitToReadAsync(cancellationToken))
        {
            _doorbell.Reader.TryRead(out _);
        }
    }

    /// <summary>Returns every buffer still queued to the pool (used after the batcher stopped).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            while (_items.TryDequeue(out var document))
            {
                document.Return();
            }

            _bytes = 0;
        }
    }
}
