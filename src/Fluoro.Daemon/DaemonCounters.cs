namespace Fluoro.Daemon;

/// <summary>
/// What the daemon did with every datagram, readable while it runs. Every datagram ends up in exactly one of
/// <see cref="Rejected"/>, <see cref="Dropped"/>, <see cref="Failed"/> or <see cref="Forwarded"/> (or is still queued);
/// forwarded documents are then either <see cref="Stored"/> or <see cref="Unprocessed"/>.
/// </summary>
public sealed class DaemonCounters
{
    private long _received;
    private long _rejected;
    private long _dropped;
    private long _forwarded;
    private long _stored;
    private long _unprocessed;
    private long _failed;
    private long _batches;

    /// <summary>Datagrams read from the socket.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Datagrams refused: no header, wrong format or version, empty body, too large.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Documents discarded because the buffer was full (oldest first).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Documents handed to the ingest service (local store or remote Fluoro).</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Forwarded documents the ingest service accepted.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Forwarded documents the ingest service refused as invalid.</summary>
    public long Unprocessed => Interlocked.Read(ref _unprocessed);

    /// <summary>Documents lost because an ingest call failed (store or network error).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Ingest calls made.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    internal void AddReceived() => Interlocked.Increment(ref _received);

    internal void AddRejected() => Interlocked.Increment(ref _rejected);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void AddBatch(int forwarded, int stored, int unprocessed)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _forwarded, forwarded);
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _unprocessed, unprocessed);
    }

    internal void AddFailedBatch(int documents)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _failed, documents);
    }
}
