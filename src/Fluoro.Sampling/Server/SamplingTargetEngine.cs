namespace Fluoro.Sampling;

/// <summary>
/// Turns statistics reports into per-client targets (spec §11.7). A rule's ReservoirSize (requests per second for
/// the whole fleet) is split evenly among the clients that reported for it recently, as AWS documents; the integer
/// remainder rotates between clients once a minute.
/// </summary>
internal sealed class SamplingTargetEngine(SamplingRuleServiceOptions options)
{
    private const int WindowSeconds = 10;
    private const int MaxDocuments = 25;
    private const int RotationSeconds = 60;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RuleTraffic> _rules = new(StringComparer.Ordinal);
    private long _accepted;
    private long _unprocessed;
    private long _evicted;
    private long _windowsDropped;

    public SamplingServiceCounters Counters
    {
        get
        {
            lock (_lock)
            {
                return new SamplingServiceCounters(_accepted, _unprocessed, _evicted, _windowsDropped);
            }
        }
    }

    public static void Validate(GetSamplingTargetsRequest request)
    {
        var documents = request.SamplingStatisticsDocuments
            ?? throw SamplingException.Invalid("SamplingStatisticsDocuments is required.");
        if (documents.Count > MaxDocuments)
        {
            throw SamplingException.Invalid($"SamplingStatisticsDocuments can hold at most {MaxDocuments} documents.");
        }

        foreach (var document in documents)
        {
            if (document is null || string.IsNullOrEmpty(document.RuleName) || document.RuleName.Length > 32)
            {
                throw SamplingException.Invalid("Each statistics document needs a RuleName of 1 to 32 characters.");
            }

            if (document.ClientId is not { Length: 24 })
            {
                throw SamplingException.Invalid("Each statistics document needs a ClientID of 24 characters.");
            }

            if (document.Timestamp is not { } timestamp || !double.IsFinite(timestamp))
            {
                throw SamplingException.Invalid("Each statistics document needs a Timestamp.");
            }

            if (document.RequestCount is not >= 0 || document.SampledCount is not >= 0 || document.BorrowCount is < 0)
            {
                throw SamplingException.Invalid("RequestCount and SampledCount are required and counts cannot be negative.");
            }
        }

        var boosts = request.SamplingBoostStatisticsDocuments;
        if (boosts is { Count: > MaxDocuments })
        {
            throw SamplingException.Invalid($"SamplingBoostStatisticsDocuments can hold at most {MaxDocuments} documents.");
        }

        foreach (var boost in boosts ?? [])
        {
            if (boost is null || string.IsNullOrEmpty(boost.RuleName) || boost.AnomalyCount is < 0 || boost.TotalCount is < 0)
            {
                throw SamplingException.Invalid("Each boost statistics document needs a RuleName and non-negative counts.");
            }
        }
    }

    public GetSamplingTargetsResponse Process(
        GetSamplingTargetsRequest request,
        Func<string, SamplingRule?> findRule,
        double now,
        double lastRuleModification)
    {
        Validate(request);
        var targets = new List<SamplingTargetDocument>();
        var unprocessed = new List<UnprocessedStatistics>();
        List<UnprocessedStatistics>? unprocessedBoosts = request.SamplingBoostStatisticsDocuments is null ? null : [];
        var answered = new HashSet<string>(StringComparer.Ordinal);

        lock (_lock)
        {
            foreach (var boost in request.SamplingBoostStatisticsDocuments ?? [])
            {
                var rule = findRule(boost.RuleName!);
                if (rule is null)
                {
                    unprocessedBoosts!.Add(new UnprocessedStatistics { RuleName = boost.RuleName, ErrorCode = "400", Message = "Rule not found" });
                    continue;
                }

                ApplyBoost(rule, boost, now);
            }

            var pending = new List<(SamplingRule Rule, string ClientId)>();
            foreach (var document in request.SamplingStatisticsDocuments!)
            {
                var rule = findRule(document.RuleName!);
                if (rule is null)
                {
                    _unprocessed++;
                    unprocessed.Add(new UnprocessedStatistics { RuleName = document.RuleName, ErrorCode = "400", Message = "Rule not found" });
                    continue;
                }

                if (now - document.Timestamp!.Value > options.StatisticsMaxAge.TotalSeconds)
                {
                    _unprocessed++;
                    unprocessed.Add(new UnprocessedStatistics { RuleName = document.RuleName, ErrorCode = "400", Message = "Statistics document too old" });
                    continue;
                }

                _accepted++;
                Record(rule.RuleName!, document, now);
                pending.Add((rule, document.ClientId!));
            }

            foreach (var (rule, clientId) in pending)
            {
                if (answered.Add(rule.RuleName!))
                {
                    targets.Add(Target(rule, clientId, now));
                }
            }
        }

        return new GetSamplingTargetsResponse
        {
            SamplingTargetDocuments = targets,
            LastRuleModification = lastRuleModification,
            UnprocessedStatistics = unprocessed,
            UnprocessedBoostStatistics = unprocessedBoosts,
        };
    }

    public void Forget(string ruleName)
    {
        lock (_lock)
        {
            _rules.Remove(ruleName);
        }
    }

    public List<SamplingStatisticSummary> Summaries(IEnumerable<string> ruleNames)
    {
        var summaries = new List<SamplingStatisticSummary>();
        lock (_lock)
        {
            foreach (var name in ruleNames)
            {
                if (!_rules.TryGetValue(name, out var traffic) || traffic.Windows.Count == 0)
                {
                    continue;
                }

                var (start, counts) = traffic.Windows.Last();
                summaries.Add(new SamplingStatisticSummary
                {
                    RuleName = name,
                    Timestamp = start,
                    RequestCount = counts.RequestCount,
                    SampledCount = counts.SampledCount,
                    BorrowCount = counts.BorrowCount,
                });
            }
        }

        return summaries;
    }

    private RuleTraffic TrafficFor(string ruleName)
    {
        if (!_rules.TryGetValue(ruleName, out var traffic))
        {
            traffic = new RuleTraffic();
            _rules[ruleName] = traffic;
        }

        return traffic;
    }

    private void Record(string ruleName, SamplingStatisticsDocument document, double now)
    {
        var traffic = TrafficFor(ruleName);

        // Forget clients that went quiet; they rejoin on their next report.
        var activeSeconds = options.ActiveClientWindow.TotalSeconds;
        foreach (var (id, report) in traffic.Clients)
        {
            if (now - report.LastSeen > activeSeconds)
            {
                traffic.Clients.Remove(id);
            }
        }

        if (!traffic.Clients.TryGetValue(document.ClientId!, out var client))
        {
            if (traffic.Clients.Count >= options.MaxClientsPerRule)
            {
                var oldest = traffic.Clients.MinBy(c => c.Value.LastSeen).Key;
                traffic.Clients.Remove(oldest);
                _evicted++;
            }

            client = new ClientReport();
            traffic.Clients[document.ClientId!] = client;
        }

        client.LastSeen = now;
        client.RequestCount = document.RequestCount!.Value;

        var window = (long)Math.Floor(document.Timestamp!.Value / WindowSeconds) * WindowSeconds;
        if (!traffic.Windows.TryGetValue(window, out var counts))
        {
            counts = new WindowCounts();
            traffic.Windows[window] = counts;
        }

        counts.RequestCount += document.RequestCount.Value;
        counts.SampledCount += document.SampledCount!.Value;
        counts.BorrowCount += document.BorrowCount ?? 0;

        var oldestKept = now - options.StatisticsRetention.TotalSeconds;
        while (traffic.Windows.Count > 0)
        {
            var first = traffic.Windows.First().Key;
            if (first >= oldestKept && traffic.Windows.Count <= options.MaxWindowsPerRule)
            {
                break;
            }

            traffic.Windows.Remove(first);
            if (first >= oldestKept)
            {
                _windowsDropped++;
            }
        }
    }

    private void ApplyBoost(SamplingRule rule, SamplingBoostStatisticsDocument document, double now)
    {
        if (rule.SamplingRateBoost is not { MaxRate: { } maxRate } boost || document.AnomalyCount is not > 0)
        {
            return;
        }

        var traffic = TrafficFor(rule.RuleName!);
        var cooldown = (boost.CooldownWindowMinutes ?? 0) * 60.0;
        if (now < traffic.LastBoostAt + cooldown)
        {
            return;
        }

        traffic.LastBoostAt = now;
        traffic.BoostUntil = now + options.BoostDuration.TotalSeconds;
        traffic.BoostRate = Math.Max(maxRate, rule.FixedRate ?? 0);
    }

    private SamplingTargetDocument Target(SamplingRule rule, string clientId, double now)
    {
        var traffic = TrafficFor(rule.RuleName!);
        return new SamplingTargetDocument
        {
            RuleName = rule.RuleName,
            FixedRate = rule.FixedRate,
            ReservoirQuota = Quota(traffic, clientId, rule.ReservoirSize ?? 0, now),
            ReservoirQuotaTtl = now + options.QuotaTtl.TotalSeconds,
            Interval = options.TargetIntervalSeconds,
            SamplingBoost = now < traffic.BoostUntil
                ? new SamplingBoost { BoostRate = traffic.BoostRate, BoostRateTtl = traffic.BoostUntil }
                : null,
        };
    }

    private int Quota(RuleTraffic traffic, string clientId, int reservoirSize, double now)
    {
        if (reservoirSize <= 0)
        {
            return 0;
        }

        var activeSeconds = options.ActiveClientWindow.TotalSeconds;
        var active = traffic.Clients
            .Where(c => now - c.Value.LastSeen <= activeSeconds)
            .Select(c => c.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        var n = active.Count;
        var me = active.IndexOf(clientId);
        if (me < 0)
        {
            return 0;
        }

        // Each client's quota is computed when that client reports, so the split must depend only on the set of
        // active clients (not on their momentary request counts) for the quotas to add up to the rule's size.
        // The leftover units go to the clients whose turn it is; turns move once a minute so that clients polling
        // at different phases of a 10-second interval still agree on whose turn it is.
        var turn = (long)Math.Floor(now / RotationSeconds) % n;
        var position = ((me - turn) % n + n) % n;
        return reservoirSize / n + (position < reservoirSize % n ? 1 : 0);
    }
}
