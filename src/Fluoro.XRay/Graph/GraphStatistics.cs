namespace Fluoro.XRay;

/// <summary>Accumulates counts, response times and histograms for one node or edge.</summary>
internal sealed class GraphStatistics
{
    private readonly Dictionary<double, long> _responseTimes = [];
    private readonly Dictionary<double, long> _durations = [];
    private long _ok;
    private long _error;
    private long _throttle;
    private long _fault;
    private double _totalResponseTime;

    public double? StartTime { get; private set; }

    public double? EndTime { get; private set; }

    public bool IsEmpty => _ok + _error + _throttle + _fault == 0 && StartTime is null;

    public void Add(RequestOutcome outcome, double start, double? end, double? duration = null)
    {
        switch (outcome)
        {
            case RequestOutcome.Ok:
                _ok++;
                break;
            case RequestOutcome.Error:
                _error++;
                break;
            case RequestOutcome.Throttle:
                _throttle++;
                break;
            case RequestOutcome.Fault:
                _fault++;
                break;
        }

        StartTime = StartTime is { } s ? Math.Min(s, start) : start;
        if (end is { } e)
        {
            EndTime = EndTime is { } current ? Math.Max(current, e) : e;
            var responseTime = Math.Max(0, e - start);
            _totalResponseTime += responseTime;
            Increment(_responseTimes, Bucket(responseTime));
            Increment(_durations, Bucket(Math.Max(responseTime, duration ?? 0)));
        }
    }

    public void Merge(GraphStatistics other)
    {
        _ok += other._ok;
        _error += other._error;
        _throttle += other._throttle;
        _fault += other._fault;
        _totalResponseTime += other._totalResponseTime;
        foreach (var (value, count) in other._responseTimes)
        {
            _responseTimes[value] = _responseTimes.GetValueOrDefault(value) + count;
        }

        foreach (var (value, count) in other._durations)
        {
            _durations[value] = _durations.GetValueOrDefault(value) + count;
        }

        if (other.StartTime is { } s)
        {
            StartTime = StartTime is { } mine ? Math.Min(mine, s) : s;
        }

        if (other.EndTime is { } e)
        {
            EndTime = EndTime is { } mine ? Math.Max(mine, e) : e;
        }
    }

    public GraphRollupStatistics ToState() => new()
    {
        Ok = _ok,
        Error = _error,
        Throttle = _throttle,
        Fault = _fault,
        TotalResponseTime = _totalResponseTime,
        StartTime = StartTime,
        EndTime = EndTime,
        ResponseTimes = _responseTimes.Select(static p => new[] { p.Key, p.Value }).ToList(),
        Durations = _durations.Select(static p => new[] { p.Key, p.Value }).ToList(),
    };

    /// <summary>Adds a stored state, exactly as <see cref="Merge"/> adds another accumulator.</summary>
    public void Merge(GraphRollupStatistics state)
    {
        _ok += state.Ok;
        _error += state.Error;
        _throttle += state.Throttle;
        _fault += state.Fault;
        _totalResponseTime += state.TotalResponseTime;
        foreach (var pair in state.ResponseTimes)
        {
            _responseTimes[pair[0]] = _responseTimes.GetValueOrDefault(pair[0]) + (long)pair[1];
        }

        foreach (var pair in state.Durations)
        {
            _durations[pair[0]] = _durations.GetValueOrDefault(pair[0]) + (long)pair[1];
        }

        if (state.StartTime is { } s)
        {
            StartTime = StartTime is { } mine ? Math.Min(mine, s) : s;
        }

        if (state.EndTime is { } e)
        {
            EndTime = EndTime is { } mine ? Math.Max(mine, e) : e;
        }
    }

    public ServiceStatistics ToStatistics() => new()
    {
        OkCount = _ok,
        ErrorStatistics = new ErrorStatistics { ThrottleCount = _throttle, OtherCount = _error, TotalCount = _error + _throttle },
        FaultStatistics = new FaultStatistics { OtherCount = _fault, TotalCount = _fault },
        TotalCount = _ok + _error + _throttle + _fault,
        TotalResponseTime = Math.Round(_totalResponseTime, 6),
    };

    public IReadOnlyList<HistogramEntry> ResponseTimeHistogram() => ToHistogram(_responseTimes);

    public IReadOnlyList<HistogramEntry> DurationHistogram() => ToHistogram(_durations);

    /// <summary>
    /// Millisecond resolution below one second and two significant digits above it: exact where people read
    /// latencies, bounded in size where they don't.
    /// </summary>
    internal static double Bucket(double seconds)
    {
        if (seconds < 1)
        {
            return Math.Round(seconds, 3);
        }

        var scale = Math.Pow(10, Math.Floor(Math.Log10(seconds)) - 1);
        return Math.Round(seconds / scale) * scale;
    }

    private static void Increment(Dictionary<double, long> histogram, double value)
        => histogram[value] = histogram.GetValueOrDefault(value) + 1;

    private static List<HistogramEntry> ToHistogram(Dictionary<double, long> histogram)
        => histogram.OrderBy(static p => p.Key).Select(static p => new HistogramEntry { Value = p.Key, Count = p.Value }).ToList();
}
