using System.Text.Json;
using Fluoro.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluoro.XRay;

/// <summary>
/// Per-minute service-graph pre-aggregation. A minute's graph is the <see cref="ServiceGraphBuilder"/> state of the
/// entities that ended in that minute, taken from the traces with a document ending in the minute or in the
/// <see cref="SelectionSlackSeconds"/> after it (so a call that ends just before a boundary is counted even when its
/// segment ends just after). GetServiceGraph merges stored minutes with the same computation done live for the
/// minutes not rolled up yet (the open tail, partial minutes at the window's edges, invalidated minutes), so both
/// paths count the same entities.
/// </summary>
/// <remarks>
/// <para>The background loop (<see cref="RunAsync"/>) rolls up closed minutes — those no document can still be
/// selected into, plus a grace period — newest first, a few per cycle, up to <see cref="HorizonMinutes"/> back.</para>
/// <para>Late documents: the store keeps a watermark (a received time). Each cycle finds the traces that have a
/// document received after it and a document ending in the rolled-up range (a pushed-down store search), and
/// invalidates every minute each such trace spans; the next cycles recompute them. The watermark trails the clock by
/// <see cref="CommitLagSeconds"/>, longer than a write takes to commit after its received time is stamped. Queries do
/// the same check from the watermark, so a minute changed since the last cycle is computed live.</para>
/// </remarks>
public sealed class ServiceGraphRollup
{
    /// <summary>Traces with a document ending this long after a minute still count toward it.</summary>
    public const double SelectionSlackSeconds = 60;

    /// <summary>How far back the loop rolls up (and queries use rollups).</summary>
    public const int HorizonMinutes = 24 * 60;

    /// <summary>How far the watermark trails the clock.</summary>
    public const double CommitLagSeconds = 30;

    private const double GraceSeconds = 5;
    private const int SearchPageSize = 1000;
    private const int ReadChunkSize = 200;

    private readonly ITraceReader _reader;
    private readonly IGraphRollupStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ServiceGraphRollup(ITraceReader reader, IGraphRollupStore store, TimeProvider timeProvider, ILogger<ServiceGraphRollup>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _reader = reader;
        _store = store;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Most minutes one cycle computes.</summary>
    public int MinutesPerCycle { get; init; } = 10;

    internal IGraphRollupStore Store => _store;

    /// <summary>Minutes before this one are closed: no document can still join them except as a late arrival.</summary>
    internal static long FirstOpenMinute(double now) => (long)Math.Floor((now - GraceSeconds - SelectionSlackSeconds) / 60);

    /// <summary>Runs cycles every <paramref name="interval"/> until cancelled; failures are logged and retried next cycle.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ServiceGraphRollupLog.CycleFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(interval, _timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One cycle: invalidate minutes touched by late documents, then roll up missing closed minutes. Returns minutes computed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var open = FirstOpenMinute(now);
        var from = open - HorizonMinutes;
        var stored = await _store.ListMinutesAsync(from, open, cancellationToken);
        var watermark = (await _store.ReadAsync(0, 0, cancellationToken)).Watermark;
        var invalidated = stored.Count == 0
            ? new HashSet<long>()
            : await TouchedSinceAsync(_reader, stored[0], stored[^1] + 1, watermark, cancellationToken);
        invalidated.IntersectWith(stored);

        var present = stored.Where(m => !invalidated.Contains(m)).ToHashSet();
        var minutes = new List<GraphRollupMinute>();
        for (var minute = open - 1; minute >= from && minutes.Count < MinutesPerCycle; minute--)
        {
            if (present.Contains(minute))
            {
                continue;
            }

            var builder = await ComputeAsync(_reader, minute * 60.0, (minute + 1) * 60.0, int.MaxValue, cancellationToken);
            minutes.Add(new GraphRollupMinute(minute, JsonSerializer.SerializeToUtf8Bytes(builder.ExportState(), GraphRollupJsonContext.Default.GraphRollupState)));
        }

        await _store.WriteAsync(minutes, invalidated, Math.Max(watermark, now - CommitLagSeconds), cancellationToken);
        if (minutes.Count > 0 || invalidated.Count > 0)
        {
            ServiceGraphRollupLog.Cycle(_logger, minutes.Count, invalidated.Count);
        }

        return minutes.Count;
    }

    /// <summary>
    /// The live computation of one piece [start, end) of a minute: entities ending in it, from traces with a document
    /// ending in [start, end + slack). Reads at most <paramref name="maxTraces"/> traces, newest first.
    /// </summary>
    internal static async Task<ServiceGraphBuilder> ComputeAsync(ITraceReader reader, double start, double end, int maxTraces, CancellationToken cancellationToken)
    {
        var builder = new ServiceGraphBuilder(start, end);
        string? cursor = null;
        var read = 0;
        do
        {
            var page = await reader.SearchAsync(
                new TraceSearch { StartTime = start, EndTime = end + SelectionSlackSeconds, TimeRangeType = TimeRangeType.Service, Limit = SearchPageSize, Cursor = cursor },
                cancellationToken);
            foreach (var chunk in page.TraceIds.Chunk(ReadChunkSize))
            {
                var traces = await reader.GetTracesAsync(chunk, cancellationToken);
                foreach (var (traceId, records) in traces)
                {
                    builder.Add(TraceAssembler.Assemble(traceId, records));
                }
            }

            read += page.TraceIds.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null && read < maxTraces);

        return builder;
    }

    /// <summary>
    /// Minutes spanned (earliest start to latest end) by traces that have a document received at or after
    /// <paramref name="since"/> and a document that could select them into [fromMinute, toMinute).
    /// </summary>
    internal static async Task<HashSet<long>> TouchedSinceAsync(ITraceReader reader, long fromMinute, long toMinute, double since, CancellationToken cancellationToken)
    {
        var touched = new HashSet<long>();
        var changed = new AnySegmentFilter(SegmentCondition.Compare(SegmentField.ReceivedTime, ValueComparison.OfNumber(ValueOperator.GreaterThanOrEqual, since)));
        string? cursor = null;
        do
        {
            var page = await reader.SearchAsync(
                new TraceSearch
                {
                    StartTime = fromMinute * 60.0,
                    EndTime = (toMinute * 60.0) + SelectionSlackSeconds,
                    TimeRangeType = TimeRangeType.Service,
                    Limit = SearchPageSize,
                    Cursor = cursor,
                    Filter = changed,
                },
                cancellationToken);
            foreach (var chunk in page.TraceIds.Chunk(ReadChunkSize))
            {
                var traces = await reader.GetTracesAsync(chunk, cancellationToken);
                foreach (var records in traces.Values)
                {
                    if (records.Count == 0)
                    {
                        continue;
                    }

                    var first = (long)Math.Floor(records.Min(static r => r.StartTime) / 60);
                    var last = (long)Math.Floor(records.Max(static r => r.EndTime ?? r.StartTime) / 60);
                    for (var minute = Math.Max(first, fromMinute); minute <= Math.Min(last, toMinute - 1); minute++)
                    {
                        touched.Add(minute);
                    }
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return touched;
    }
}
