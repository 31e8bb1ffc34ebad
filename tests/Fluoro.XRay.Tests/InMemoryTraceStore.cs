using System.Globalization;
using Fluoro.Storage;
using Fluoro.Tracing;

namespace Fluoro.XRay.Tests;

/// <summary>A small in-memory <see cref="ITraceStore"/> with the contract's upsert and search semantics.</summary>
internal sealed class InMemoryTraceStore : ITraceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, SegmentRecord>> _traces = new(StringComparer.Ordinal);
    private long _written;

    public int WriteCalls { get; private set; }

    public Exception? FailNextWrite { get; set; }

    public ValueTask WriteAsync(IReadOnlyList<SegmentRecord> records, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            WriteCalls++;
            if (FailNextWrite is { } failure)
            {
                FailNextWrite = null;
                throw failure;
            }

            foreach (var record in records)
            {
                if (!_traces.TryGetValue(record.TraceId, out var trace))
                {
                    _traces[record.TraceId] = trace = new(StringComparer.Ordinal);
                }

                if (trace.TryGetValue(record.Id, out var existing) && record.InProgress && !existing.InProgress)
                {
                    continue;
                }

                trace[record.Id] = record with { Document = record.Document.ToArray() };
                _written++;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyDictionary<string, IReadOnlyList<SegmentRecord>>> GetTracesAsync(IReadOnlyCollection<string> traceIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var result = new Dictionary<string, IReadOnlyList<SegmentRecord>>(StringComparer.Ordinal);
            foreach (var id in traceIds)
            {
                if (_traces.TryGetValue(id, out var trace))
                {
                    result[id] = trace.Values.ToList();
                }
            }

            return ValueTask.FromResult<IReadOnlyDictionary<string, IReadOnlyList<SegmentRecord>>>(result);
        }
    }

    public ValueTask<TraceSearchPage> SearchAsync(TraceSearch search, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var matches = new List<(string Id, double Time)>();
            foreach (var (id, trace) in _traces)
            {
                double? time = search.TimeRangeType switch
                {
                    TimeRangeType.TraceId => TraceId.Parse(id).EpochSeconds,
                    TimeRangeType.Event => trace.Values.Select(r => r.ReceivedTime).Where(t => t >= search.StartTime && t < search.EndTime).DefaultIfEmpty(double.NaN).Max(),
                    _ => trace.Values.Where(r => r.EndTime is not null).Select(r => r.EndTime!.Value).Where(t => t >= search.StartTime && t < search.EndTime).DefaultIfEmpty(double.NaN).Max(),
                };
                if (time is { } t && t >= search.StartTime && t < search.EndTime
                    && (search.Filter is null || TraceFilterReference.Matches(search.Filter, trace.Values)))
                {
                    matches.Add((id, t));
                }
            }

            var ordered = matches.OrderByDescending(m => m.Time).ThenByDescending(m => m.Id, StringComparer.Ordinal).ToList();
            var offset = search.Cursor is null ? 0 : int.Parse(search.Cursor, CultureInfo.InvariantCulture);
            var page = ordered.Skip(offset).Take(search.Limit).Select(m => m.Id).ToList();
            var next = offset + page.Count < ordered.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return ValueTask.FromResult(new TraceSearchPage(page, next, page.Count));
        }
    }

    public ValueTask<long> PurgeAsync(double cutoff, CancellationToken cancellationToken = default) => ValueTask.FromResult(0L);

    public StoreStatistics GetStatistics() => new("memory", "memory", _written, null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
