namespace Fluoro.Sampling;

/// <summary>
/// A centralized rule inside a <see cref="Sampler"/>: its matchers, the server's target, and the counters reported
/// back. Counters and the per-second reservoir are guarded by the instance lock; a decision holds it for a few
/// arithmetic operations only.
/// </summary>
internal sealed class SamplerRule
{
    private readonly Lock _lock = new();
    private long _second = long.MinValue;
    private int _takenThisSecond;
    private int _borrowedThisSecond;
    private int _requests;
    private int _sampled;
    private int _borrowed;

    public SamplerRule(SamplingRule rule)
    {
        Name = rule.RuleName!;
        Update(rule);
    }

    public string Name { get; }

    public int Priority { get; private set; }

    public string ServiceName { get; private set; } = "*";

    public string ServiceType { get; private set; } = "*";

    public string Host { get; private set; } = "*";

    public string HttpMethod { get; private set; } = "*";

    public string UrlPath { get; private set; } = "*";

    public int ReservoirSize { get; private set; }

    public double FixedRate { get; private set; }

    public int? Quota { get; private set; }

    public double QuotaTtl { get; private set; }

    public int Interval { get; private set; } = 10;

    public double LastTargetRefresh { get; private set; }

    public double? BoostRate { get; private set; }

    public double BoostUntil { get; private set; }

    public void Update(SamplingRule rule)
    {
        lock (_lock)
        {
            Priority = rule.Priority ?? 10000;
            ServiceName = rule.ServiceName ?? "*";
            ServiceType = rule.ServiceType ?? "*";
            Host = rule.Host ?? "*";
            HttpMethod = rule.HttpMethod ?? "*";
            UrlPath = rule.UrlPath ?? "*";
            ReservoirSize = rule.ReservoirSize ?? 0;
            FixedRate = rule.FixedRate ?? 0;
        }
    }

    public bool Matches(in SamplingRequest request) =>
        SamplingPattern.AttributeMatches(request.ServiceName, ServiceName)
        && SamplingPattern.AttributeMatches(request.ServiceType, ServiceType)
        && SamplingPattern.AttributeMatches(request.Host, Host)
        && SamplingPattern.AttributeMatches(request.HttpMethod, HttpMethod)
        && SamplingPattern.AttributeMatches(request.UrlPath, UrlPath);

    public SamplerReason Decide(double now, Func<double> nextDouble)
    {
        lock (_lock)
        {
            _requests++;
            var second = (long)Math.Floor(now);
            if (second != _second)
            {
                _second = second;
                _takenThisSecond = 0;
                _borrowedThisSecond = 0;
            }

            if (Quota is { } quota && now <= QuotaTtl)
            {
                if (_takenThisSecond < quota)
                {
                    _takenThisSecond++;
                    _sampled++;
                    return SamplerReason.Reservoir;
                }
            }
            else if (ReservoirSize > 0 && _borrowedThisSecond < 1)
            {
                // No valid quota yet: borrow one request per second so a new rule is visible immediately.
                _borrowedThisSecond++;
                _borrowed++;
                _sampled++;
                return SamplerReason.Borrowed;
            }

            var rate = BoostRate is { } boost && now < BoostUntil ? Math.Max(boost, FixedRate) : FixedRate;
            if (rate > 0 && nextDouble() < rate)
            {
                _sampled++;
                return SamplerReason.FixedRate;
            }

            return SamplerReason.NotSampled;
        }
    }

    /// <summary>The counters since the last report, if a report is due; resets them.</summary>
    public SamplingStatisticsDocument? TakeStatistics(string clientId, double now)
    {
        lock (_lock)
        {
            if (_requests == 0 || now < LastTargetRefresh + Interval)
            {
                return null;
            }

            var document = new SamplingStatisticsDocument
            {
                RuleName = Name,
                ClientId = clientId,
                Timestamp = Math.Floor(now),
                RequestCount = _requests,
                SampledCount = _sampled,
                BorrowCount = _borrowed,
            };
            _requests = 0;
            _sampled = 0;
            _borrowed = 0;
            return document;
        }
    }

    public void ApplyTarget(SamplingTargetDocument target, double now)
    {
        lock (_lock)
        {
            if (target.FixedRate is { } rate)
            {
                FixedRate = rate;
            }

            if (target.ReservoirQuota is { } quota)
            {
                Quota = quota;
            }

            if (target.ReservoirQuotaTtl is { } ttl)
            {
                QuotaTtl = ttl;
            }

            if (target.Interval is > 0 and var interval)
            {
                Interval = interval;
            }

            if (target.SamplingBoost is { } boost)
            {
                BoostRate = boost.BoostRate;
                BoostUntil = boost.BoostRateTtl;
            }

            LastTargetRefresh = now;
        }
    }
}
