namespace Fluoro.Storage;

/// <summary>
/// Writes segment documents.
/// <para>Durability: when <see cref="WriteAsync"/> completes, every record in the batch is committed and
/// survives a crash of the process (kill -9). A batch is applied atomically.</para>
/// <para>Idempotence: records are keyed by (TraceId, Id). A later record replaces an earlier one with the
/// same key, except that an in-progress record never replaces a complete one. Writing the same batch twice
/// leaves the store as after one write.</para>
/// <para>Ownership: the store copies what it keeps; the caller may reuse the records' buffers after the call.</para>
/// <para>Thread safety: may be called concurrently; implementations serialize internally as needed.</para>
/// </summary>
public interface ITraceWriter
{
    /// <summary>Commits a batch of records.</summary>
    ValueTask WriteAsync(IReadOnlyList<SegmentRecord> records, CancellationToken cancellationToken = default);
}
