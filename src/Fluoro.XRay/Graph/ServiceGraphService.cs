using System.Text.Json;
using Fluoro.FilterExpressions;
using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>
/// Service graphs computed on read from the traces in a window. Each query scans at most
/// <see cref="MaxTracesPerQuery"/> traces (newest first) so that one request cannot hold the store indefinitely.
/// </summary>
public sealed class ServiceGraphService : IServiceGraphQueries
{
    /// <summary>Most traces one graph query reads.</summary>
    public const int MaxTracesPerQuery = 50_000;

    /// <summary>Most trace ids GetTraceGraph accepts.</summary>
    public const int MaxTraceGraphIds = 100;

    private const int SearchPageSize = 1000;
    private const int ReadChunkSize = 200;

    private readonly ITraceReader _reader;
    private readonly ITraceFilterCompiler? _filterCompiler;
    private readonly IGroupFilterResolver? _groups;
    private readonly IGraphRollupStore? _rollups;

    /// <summary>
    /// Creates the service; groups need both a filter compiler and a group resolver. With <paramref name="rollups"/>
    /// (kept by a <see cref="ServiceGraphRollup"/> loop), GetServiceGraph without a group merges per-minute rollups
    /// with a live computation of the minutes not rolled up yet.
    /// </summary>
    public ServiceGraphService(ITraceReader reader, ITraceFilterCompiler? filterCompiler = null, IGroupFilterResolver? groups = null, IGraphRollupStore? rollups = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _filterCompiler = filterCompiler;
        _groups = groups;
        _rollups = rollups;
    }

    /// <inheritdoc/>
    public async ValueTask<GetServiceGraphResult> GetServiceGraphAsync(GetServiceGraphRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (start, end) = Window(request.StartTime, request.EndTime);
        var groupFilter = GroupFilter(request.GroupName, request.GroupARN);
        if (groupFilter is null && _rollups is not null)
        {
            var view = await ReadRollupsAsync(_rollups, start, end, cancellationToken);
            var merged = await MergeAsync(view, start, end, cancellationToken);
            return new GetServiceGraphResult { StartTime = start, EndTime = end, Services = merged.Build() };
        }

        var builder = new ServiceGraphBuilder(start, end);
        await foreach (var trace in TracesInWindowAsync(start, end, groupFilter, cancellationToken))
        {
            builder.Add(trace);
        }

        return new GetServiceGraphResult { StartTime = start, EndTime = end, Services = builder.Build() };
    }

    /// <summary>The rolled-up minutes of a window and the ones documents received after the rollups' watermark made stale.</summary>
    private sealed record RollupView(Dictionary<long, GraphRollupMinute> Stored, IReadOnlySet<long> Stale);

    private async Task<RollupView> ReadRollupsAsync(IGraphRollupStore rollups, double start, double end, CancellationToken cancellationToken)
    {
        var firstFull = (long)Math.Ceiling(start / 60);
        var endFull = Math.Max(firstFull, (long)Math.Floor(end / 60));
        var snapshot = await rollups.ReadAsync(firstFull, endFull, cancellationToken);
        var stale = snapshot.Minutes.Count == 0
            ? new HashSet<long>()
            : await ServiceGraphRollup.TouchedSinceAsync(_reader, snapshot.Minutes[0].Minute, snapshot.Minutes[^1].Minute + 1, snapshot.Watermark, cancellationToken);
        return new RollupView(snapshot.Minutes.ToDictionary(static m => m.Minute), stale);
    }

    /// <summary>
    /// The graph of [<paramref name="start"/>, <paramref name="end"/>): stored minutes merged with live pieces — the
    /// partial minutes at both edges, minutes not rolled up (the open tail, beyond the horizon) and stale minutes.
    /// </summary>
    private async Task<ServiceGraphBuilder> MergeAsync(RollupView view, double start, double end, CancellationToken cancellationToken)
    {
        var firstFull = (long)Math.Ceiling(start / 60);
        var endFull = Math.Max(firstFull, (long)Math.Floor(end / 60));
        var result = new ServiceGraphBuilder(start, end);
        var pieces = new List<(double From, double To)>();
        if (firstFull >= endFull)
        {
            // No whole minute inside: the window is one or two partial pieces.
            var boundary = Math.Floor(start / 60) * 60 + 60;
            pieces.Add((start, Math.Min(end, boundary)));
            if (boundary < end)
            {
                pieces.Add((boundary, end));
            }
        }
        else
        {
            if (start < firstFull * 60.0)
            {
                pieces.Add((start, firstFull * 60.0));
            }

            for (var minute = firstFull; minute < endFull; minute++)
            {
                if (view.Stored.TryGetValue(minute, out var rolled) && !view.Stale.Contains(minute))
                {
                    result.Merge(JsonSerializer.Deserialize(rolled.State.Span, GraphRollupJsonContext.Default.GraphRollupState)!);
                }
                else
                {
                    pieces.Add((minute * 60.0, (minute + 1) * 60.0));
                }
            }

            if (endFull * 60.0 < end)
            {
                pieces.Add((endFull * 60.0, end));
            }
        }

        // Adjacent live pieces are computed as one range: a window reaching past the rollup horizon costs one search
        // over the part that is not rolled up, not one per minute.
        var ranges = new List<(double From, double To)>();
        foreach (var piece in pieces)
        {
            if (ranges.Count > 0 && ranges[^1].To == piece.From)
            {
                ranges[^1] = (ranges[^1].From, piece.To);
            }
            else
            {
                ranges.Add(piece);
            }
        }

        foreach (var (from, to) in ranges)
        {
            var live = await ServiceGraphRollup.ComputeAsync(_reader, from, to, MaxTracesPerQuery, cancellationToken);
            result.Merge(live.ExportState());
        }

        return result;
    }

    /// <inheritdoc/>
    public async ValueTask<GetTraceGraphResult> GetTraceGraphAsync(GetTraceGraphRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TraceIds is not { Count: > 0 } ids)
        {
            throw new XRayRequestException("TraceIds is required and must not be empty.");
        }

        if (ids.Count > MaxTraceGraphIds)
        {
            throw new XRayRequestException($"GetTraceGraph accepts at most {MaxTraceGraphIds} trace ids per call.");
        }

        var canonical = ids
            .Select(static id => Tracing.TraceId.TryParse(id, out var parsed) ? parsed.ToString() : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var builder = new ServiceGraphBuilder();
        if (canonical.Count > 0)
        {
            var traces = await _reader.GetTracesAsync(canonical, cancellationToken);
            foreach (var (traceId, records) in traces)
            {
                builder.Add(TraceAssembler.Assemble(traceId, records));
            }
        }

        return new GetTraceGraphResult { Services = builder.Build() };
    }

    /// <inheritdoc/>
    public async ValueTask<GetTimeSeriesServiceStatisticsResult> GetTimeSeriesServiceStatisticsAsync(
        GetTimeSeriesServiceStatisticsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (start, end) = Window(request.StartTime, request.EndTime);
        var period = request.Period ?? 60;
        if (period < 60 || period % 60 != 0)
        {
            throw new XRayRequestException("Period must be a multiple of 60 seconds.");
        }

        if ((end - start) / period > 10_000)
        {
            throw new XRayRequestException("The time range holds too many periods; use a longer Period.");
        }

        var selector = ParseSelector(request.EntitySelectorExpression);
        var groupFilter = GroupFilter(request.GroupName, request.GroupARN);
        var buckets = new SortedDictionary<long, ServiceGraphBuilder>();

        // Periods sit on multiples of Period in epoch time (as AWS reports them), not on the caller's StartTime; the
        // first and last periods only count what falls inside [StartTime, EndTime).
        var origin = Math.Floor(start / period) * period;
        var periods = (long)Math.Ceiling((end - origin) / period);
        if (groupFilter is null && _rollups is not null)
        {
            // Periods are whole minutes, so each one is its rolled-up minutes merged (plus live pieces where needed).
            var view = await ReadRollupsAsync(_rollups, start, end, cancellationToken);
            for (var index = 0L; index < periods; index++)
            {
                var periodStart = origin + (index * period);
                buckets[index] = await MergeAsync(view, Math.Max(periodStart, start), Math.Min(periodStart + period, end), cancellationToken);
            }
        }
        else
        {
            await foreach (var trace in TracesInWindowAsync(start, end, groupFilter, cancellationToken))
            {
                // Each entity counts in the period it ended in, and one trace's entities can straddle a boundary: offer
                // the trace to every period its span touches; each period's builder counts only its own entities.
                var entries = trace.Entries.Where(static e => !e.Orphan).ToList();
                if (entries.Count == 0)
                {
                    continue;
                }

                var lastIndex = periods - 1;
                var first = Math.Clamp((long)Math.Floor((entries.Min(static e => e.StartTime) - origin) / period), 0, lastIndex);
                var last = Math.Clamp((long)Math.Floor((entries.Max(static e => e.EndTime ?? e.StartTime) - origin) / period), 0, lastIndex);
                for (var index = first; index <= last; index++)
                {
                    if (!buckets.TryGetValue(index, out var builder))
                    {
                        var bucketStart = origin + (index * period);
                        builder = new ServiceGraphBuilder(Math.Max(bucketStart, start), Math.Min(bucketStart + period, end));
                        buckets[index] = builder;
                    }

                    builder.Add(trace);
                }
            }
        }

        var series = new List<TimeSeriesServiceStatistics>(buckets.Count);
        foreach (var (index, builder) in buckets)
        {
            if (Select(builder.Build(), selector) is { } entry)
            {
                series.Add(entry with { Timestamp = origin + (index * period) });
            }
        }

        return new GetTimeSeriesServiceStatisticsResult { TimeSeriesServiceStatistics = series };
    }

    private static (double Start, double End) Window(double? startTime, double? endTime)
    {
        if (startTime is not { } start || endTime is not { } end)
        {
            throw new XRayRequestException("StartTime and EndTime are required.");
        }

        if (!double.IsFinite(start) || !double.IsFinite(end) || start >= end)
        {
            throw new XRayRequestException("StartTime must be before EndTime.");
        }

        return (start, end);
    }

    private Func<AssembledTrace, bool>? GroupFilter(string? groupName, string? groupArn)
    {
        if (string.IsNullOrEmpty(groupName) && string.IsNullOrEmpty(groupArn))
        {
            return null;
        }

        var (kind, value) = string.IsNullOrEmpty(groupArn) ? (GroupReferenceKind.Name, groupName!) : (GroupReferenceKind.Arn, groupArn);
        if (_groups is null || _filterCompiler is null || !_groups.TryResolve(kind, value, out _))
        {
            throw new XRayRequestException($"Group not found: {value}.");
        }

        var keyword = kind == GroupReferenceKind.Name ? "group.name" : "group.arn";
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var predicate = _filterCompiler.Compile($"{keyword} = \"{escaped}\"");
        return trace =>
        {
            var summary = TraceSummaryBuilder.Build(trace, null);
            return predicate(new TraceFilterInput(summary, trace.Records, TraceFactsBuilder.Build(trace, summary)));
        };
    }

    private async IAsyncEnumerable<AssembledTrace> TracesInWindowAsync(
        double start, double end, Func<AssembledTrace, bool>? filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        var read = 0;
        do
        {
            var page = await _reader.SearchAsync(
                new TraceSearch { StartTime = start, EndTime = end, TimeRangeType = TimeRangeType.Service, Limit = SearchPageSize, Cursor = cursor },
                cancellationToken);
            foreach (var chunk in page.TraceIds.Chunk(ReadChunkSize))
            {
                var traces = await _reader.GetTracesAsync(chunk, cancellationToken);
                foreach (var (traceId, records) in traces)
                {
                    var trace = TraceAssembler.Assemble(traceId, records);
                    if (filter is null || filter(trace))
                    {
                        yield return trace;
                    }
                }
            }

            read += page.TraceIds.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null && read < MaxTracesPerQuery);
    }

    private static FilterNode? ParseSelector(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        if (!FilterExpression.TryParse(expression, out var node, out var error))
        {
            throw new XRayRequestException(error?.Message ?? "EntitySelectorExpression does not parse.");
        }

        return node is ServiceNode { Target: not null } or EdgeNode
            ? node
            : throw new XRayRequestException("EntitySelectorExpression must be service(…), edge(…, …) or id(…).");
    }

    private static TimeSeriesServiceStatistics? Select(IReadOnlyList<GraphService> services, FilterNode? selector)
    {
        switch (selector)
        {
            case ServiceNode { Target: { } target }:
            {
                var matches = services.Where(s => s.Type != "client" && Matches(s, target)).ToList();
                return matches.Count == 0 ? null : new TimeSeriesServiceStatistics
                {
                    ServiceSummaryStatistics = Sum(matches.Select(static s => s.SummaryStatistics)),
                    ResponseTimeHistogram = MergeHistograms(matches.Select(static s => s.ResponseTimeHistogram)),
                };
            }

            case EdgeNode edge:
            {
                var edges = (from source in services
                             where Matches(source, edge.Source)
                             from e in source.Edges
                             where Matches(services[e.ReferenceId], edge.Destination)
                             select e).ToList();
                return edges.Count == 0 ? null : new TimeSeriesServiceStatistics
                {
                    EdgeSummaryStatistics = Sum(edges.Select(static e => e.SummaryStatistics)),
                    ResponseTimeHistogram = MergeHistograms(edges.Select(static e => e.ResponseTimeHistogram)),
                };
            }

            default:
            {
                var edges = services.SelectMany(static s => s.Edges).ToList();
                return edges.Count == 0 ? null : new TimeSeriesServiceStatistics
                {
                    EdgeSummaryStatistics = Sum(edges.Select(static e => e.SummaryStatistics)),
                    ResponseTimeHistogram = MergeHistograms(edges.Select(static e => e.ResponseTimeHistogram)),
                };
            }
        }
    }

    private static bool Matches(GraphService service, ServiceTarget target)
        => (target.Name is null || string.Equals(service.Name, target.Name, StringComparison.Ordinal))
           && (target.Type is null || string.Equals(service.Type, target.Type, StringComparison.Ordinal))
           && (target.AccountId is null || string.Equals(service.AccountId, target.AccountId, StringComparison.Ordinal))
           && (target.Type is not null || service.Type != "client");

    private static ServiceStatistics Sum(IEnumerable<ServiceStatistics?> all)
    {
        long ok = 0, throttle = 0, error = 0, fault = 0;
        double time = 0;
        foreach (var s in all)
        {
            if (s is null)
            {
                continue;
            }

            ok += s.OkCount;
            throttle += s.ErrorStatistics.ThrottleCount;
            error += s.ErrorStatistics.OtherCount;
            fault += s.FaultStatistics.TotalCount;
            time += s.TotalResponseTime;
        }

        return new ServiceStatistics
        {
            OkCount = ok,
            ErrorStatistics = new ErrorStatistics { ThrottleCount = throttle, OtherCount = error, TotalCount = throttle + error },
            FaultStatistics = new FaultStatistics { OtherCount = fault, TotalCount = fault },
            TotalCount = ok + throttle + error + fault,
            TotalResponseTime = Math.Round(time, 6),
        };
    }

    private static List<HistogramEntry> MergeHistograms(IEnumerable<IReadOnlyList<HistogramEntry>?> histograms)
    {
        var merged = new SortedDictionary<double, long>();
        foreach (var histogram in histograms)
        {
            foreach (var entry in histogram ?? [])
            {
                merged[entry.Value] = merged.GetValueOrDefault(entry.Value) + entry.Count;
            }
        }

        return merged.Select(static p => new HistogramEntry { Value = p.Key, Count = p.Value }).ToList();
    }
}
