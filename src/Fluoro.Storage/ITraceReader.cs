namespace Fluoro.Storage;

/// <summary>
/// Reads stored traces.
/// <para>Consistency: a read sees every write that completed before it started.</para>
/// <para>Ownership: returned records are the caller's; the store keeps no reference to them.</para>
/// <para>Cost: a lookup by trace id uses the trace-id index and never scans unrelated traces.</para>
/// </summary>
public interface ITraceReader
{
    /// <summary>
    /// Every stored record of each requested trace (after upserts: one record per (TraceId, Id)).
    /// Unknown or expired ids are absent from the result.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, IReadOnlyList<SegmentRecord>>> GetTracesAsync(
        IReadOnlyCollection<string> traceIds, CancellationToken cancellationToken = default);

    /// <summary>Trace ids whose time (per <see cref="TraceSearch.TimeRangeType"/>) falls in the window, newest first.</summary>
    ValueTask<TraceSearchPage> SearchAsync(TraceSearch search, CancellationToken cancellationToken = default);
}
