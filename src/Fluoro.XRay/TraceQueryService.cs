using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>
/// BatchGetTraces and GetTraceSummaries over an <see cref="ITraceReader"/>. Documents are assembled on read:
/// standalone subsegments are folded under their parents and inferred segments are added for un-instrumented
/// downstream calls.
/// </summary>
public sealed class TraceQueryService : ITraceQueries
{
    private readonly ITraceReader _reader;
    private readonly ITraceFilterCompiler? _filterCompiler;

    /// <summary>Creates the service. Without a <paramref name="filterCompiler"/>, filter expressions are refused.</summary>
    public TraceQueryService(ITraceReader reader, ITraceFilterCompiler? filterCompiler = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _filterCompiler = filterCompiler;
    }

    /// <inheritdoc/>
    public async ValueTask<BatchGetTracesResult> BatchGetTracesAsync(BatchGetTracesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TraceIds is null || request.TraceIds.Count == 0)
        {
            throw new XRayRequestException("TraceIds is required and must not be empty.");
        }

        if (request.TraceIds.Count > TraceQueryLimits.MaxBatchGetTraceIds)
        {
            throw new XRayRequestException(
                $"BatchGetTraces accepts at most {TraceQueryLimits.MaxBatchGetTraceIds} trace ids per call; {request.TraceIds.Count} were given.");
        }

        var unprocessed = new List<string>();
        var wanted = new List<(string Requested, string Canonical)>();
        foreach (var requested in request.TraceIds)
        {
            if (requested is not null && Tracing.TraceId.TryParse(requested, out var id))
            {
                wanted.Add((requested, id.ToString()));
            }
            else
            {
                unprocessed.Add(requested ?? string.Empty);
            }
        }

        var found = wanted.Count == 0
            ? new Dictionary<string, IReadOnlyList<SegmentRecord>>()
            : await _reader.GetTracesAsync(wanted.Select(w => w.Canonical).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

        var traces = new List<Trace>(wanted.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (requested, canonical) in wanted)
        {
            if (!seen.Add(canonical))
            {
                continue;
            }

            if (!found.TryGetValue(canonical, out var records) || records.Count == 0)
            {
                unprocessed.Add(requested);
                continue;
            }

            var assembled = TraceAssembler.Assemble(canonical, records);
            traces.Add(new Trace
            {
                Id = canonical,
                Duration = assembled.Duration ?? 0,
                LimitExceeded = false,
                Segments = assembled.Entries.Select(static e => new TraceSegment { Id = e.Id, Document = TraceAssembler.ToJson(e.Node) }).ToList(),
            });
        }

        return new BatchGetTracesResult { Traces = traces, UnprocessedTraceIds = unprocessed };
    }

    /// <inheritdoc/>
    public async ValueTask<GetTraceSummariesResult> GetTraceSummariesAsync(GetTraceSummariesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.StartTime is not { } start || request.EndTime is not { } end)
        {
            throw new XRayRequestException("StartTime and EndTime are required.");
        }

        if (!double.IsFinite(start) || !double.IsFinite(end) || start >= end)
        {
            throw new XRayRequestException("StartTime must be before EndTime.");
        }

        var rangeType = ParseTimeRangeType(request.TimeRangeType);
        var filter = CompileFilter(request.FilterExpression);

        // The store narrows the window to candidates (a sound pre-filter, SQL for DuckDB); the predicate confirms them.
        var storeFilter = filter is null ? null : _filterCompiler!.CompileStoreFilter(request.FilterExpression!);
        var fixedRate = SamplingRate(request);
        var cursor = string.IsNullOrEmpty(request.NextToken) ? null : NextTokenCodec.Decode(request.NextToken, start, end, (int)rangeType);

        var page = await _reader.SearchAsync(
            new TraceSearch
            {
                StartTime = start,
                EndTime = end,
                TimeRangeType = rangeType,
                Limit = TraceQueryLimits.SummariesPageSize,
                Cursor = cursor,
                Filter = storeFilter,
            },
            cancellationToken);

        var summaries = new List<TraceSummary>(page.TraceIds.Count);
        if (page.TraceIds.Count > 0)
        {
            var traces = await _reader.GetTracesAsync(page.TraceIds, cancellationToken);
            foreach (var traceId in page.TraceIds)
            {
                if (!traces.TryGetValue(traceId, out var records) || records.Count == 0)
                {
                    continue;
                }

                if (fixedRate is { } rate && !KeepSample(traceId, rate))
                {
                    continue;
                }

                var assembled = TraceAssembler.Assemble(traceId, records);
                double? matched = rangeType == TimeRangeType.Event ? MatchedEventTime(records, start, end) : null;
                var summary = TraceSummaryBuilder.Build(assembled, matched);
                if (filter is not null && !filter(new TraceFilterInput(summary, records, TraceFactsBuilder.Build(assembled, summary))))
                {
                    continue;
                }

                summaries.Add(summary);
            }
        }

        return new GetTraceSummariesResult
        {
            TraceSummaries = summaries,
            ApproximateTime = summaries.Count > 0 ? summaries.Min(static s => s.StartTime ?? double.MaxValue) : end,
            TracesProcessedCount = page.TracesScanned,
            NextToken = page.NextCursor is null ? null : NextTokenCodec.Encode(page.NextCursor, start, end, (int)rangeType),
        };
    }

    private Func<TraceFilterInput, bool>? CompileFilter(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        if (_filterCompiler is null)
        {
            throw new XRayRequestException("Filter expressions are not supported yet.");
        }

        return _filterCompiler.Compile(expression);
    }

    private static TimeRangeType ParseTimeRangeType(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Equals("TraceId", StringComparison.OrdinalIgnoreCase))
        {
            return TimeRangeType.TraceId;
        }

        if (value.Equals("Event", StringComparison.OrdinalIgnoreCase))
        {
            return TimeRangeType.Event;
        }

        if (value.Equals("Service", StringComparison.OrdinalIgnoreCase))
        {
            return TimeRangeType.Service;
        }

        throw new XRayRequestException($"TimeRangeType must be TraceId, Event or Service, not '{value}'.");
    }

    private static double? SamplingRate(GetTraceSummariesRequest request)
    {
        if (request.Sampling != true || request.SamplingStrategy is not { } strategy)
        {
            return null;
        }

        if (strategy.Value is { } value && (!double.IsFinite(value) || value < 0 || value > 1))
        {
            throw new XRayRequestException("SamplingStrategy.Value must be between 0 and 1.");
        }

        // PartialScan would need a scan budget the store does not expose; every candidate is scanned instead.
        return string.Equals(strategy.Name, "FixedRate", StringComparison.OrdinalIgnoreCase) ? strategy.Value ?? 1 : null;
    }

    /// <summary>Keeps a trace with probability <paramref name="rate"/>, decided by its id so pages are stable.</summary>
    private static bool KeepSample(string traceId, double rate)
    {
        var hash = 2166136261u;
        foreach (var c in traceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash / (double)uint.MaxValue < rate;
    }

    private static double? MatchedEventTime(IReadOnlyList<SegmentRecord> records, double start, double end)
    {
        double? best = null;
        foreach (var record in records)
        {
            if (record.ReceivedTime >= start && record.ReceivedTime < end && (best is null || record.ReceivedTime > best))
            {
                best = record.ReceivedTime;
            }
        }

        return best;
    }
}
