using System.Collections.Concurrent;

namespace Fluoro.XRay;

/// <summary>
/// Running totals of the ingest path, for <c>GET /_fluoro/health</c>. Thread-safe; one instance per process
/// (registered as a singleton by <see cref="XRayServiceCollectionExtensions.AddFluoroXRay"/>).
/// </summary>
public sealed class IngestCounters
{
    private readonly ConcurrentDictionary<string, long> _rejectedByCode = new(StringComparer.Ordinal);
    private long _accepted;
    private long _rejected;
    private long _batches;
    private long _annotationsDropped;
    private long _storeFailures;

    /// <summary>Documents validated and committed to the store.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Documents refused by validation (returned as unprocessed).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Ingest calls handled.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Annotations left out of the index (bad key, bad value, or over the per-document limit).</summary>
    public long AnnotationsDropped => Interlocked.Read(ref _annotationsDropped);

    /// <summary>Batches whose store write failed (their valid documents were not stored).</summary>
    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    /// <summary>Rejections per X-Ray error code.</summary>
    public IReadOnlyDictionary<string, long> RejectedByCode => new Dictionary<string, long>(_rejectedByCode, StringComparer.Ordinal);

    internal void AddBatch(int accepted, IReadOnlyList<UnprocessedTraceSegment> rejected, int annotationsDropped)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _accepted, accepted);
        Interlocked.Add(ref _rejected, rejected.Count);
        Interlocked.Add(ref _annotationsDropped, annotationsDropped);
        foreach (var item in rejected)
        {
            _rejectedByCode.AddOrUpdate(item.ErrorCode, 1, static (_, n) => n + 1);
        }
    }

    internal void AddStoreFailure() => Interlocked.Increment(ref _storeFailures);
}
