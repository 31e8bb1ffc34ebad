using System.Security.Cryptography;

namespace Fluoro.Sampling;

/// <summary>
/// Client-side X-Ray sampling (spec §11.3–§11.6). Without centralized rules it applies the local rules (by default
/// one request per second, then 5 %). Given rules from GetSamplingRules it picks the first match by priority and name;
/// per rule it takes from the server-assigned quota each second, borrows one request per second while it has no
/// valid quota, and otherwise draws against the fixed rate. The counters it keeps become the statistics documents
/// of the next GetSamplingTargets call. Thread-safe; a decision allocates nothing.
/// </summary>
public sealed class Sampler
{
    private readonly TimeProvider _time;
    private readonly SamplerOptions _options;
    private readonly Func<double> _nextDouble;
    private readonly LocalSamplingRules _localRules;
    private readonly LocalReservoir[] _localReservoirs;
    private readonly LocalReservoir _localDefault = new();
    private volatile SamplerRule[] _rules = [];
    private double _rulesFetchedAt = double.NegativeInfinity;

    public Sampler(TimeProvider timeProvider, SamplerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _options = options ?? new SamplerOptions();
        _nextDouble = _options.NextDouble ?? Random.Shared.NextDouble;
        ClientId = _options.ClientId ?? NewClientId();
        _localRules = _options.LocalRules
            ?? new LocalSamplingRules(2, _options.LocalReservoirPerSecond, _options.LocalFixedRate, []);
        _localReservoirs = [.. _localRules.Rules.Select(_ => new LocalReservoir())];
    }

    /// <summary>This process's id in statistics documents: 24 hex characters.</summary>
    public string ClientId { get; }

    /// <summary>True while centralized rules are in use (fetched and not older than the cache TTL).</summary>
    public bool HasCentralizedRules => _rules.Length > 0 && Now - Volatile.Read(ref _rulesFetchedAt) <= _options.RuleCacheTtl.TotalSeconds;

    /// <summary>Names of the centralized rules in evaluation order.</summary>
    public IReadOnlyList<string> RuleNames => [.. _rules.Select(r => r.Name)];

    private double Now => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>A fresh random client id: 12 random bytes as 24 lower-case hex characters.</summary>
    public static string NewClientId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public SamplerDecision ShouldSample(in SamplingRequest request)
    {
        var now = Now;
        var rules = _rules;
        if (rules.Length > 0 && now - Volatile.Read(ref _rulesFetchedAt) <= _options.RuleCacheTtl.TotalSeconds)
        {
            foreach (var rule in rules)
            {
                if (rule.Matches(request))
                {
                    var reason = rule.Decide(now, _nextDouble);
                    return new SamplerDecision(reason != SamplerReason.NotSampled, rule.Name, reason);
                }
            }
        }

        var local = _localRules.Rules;
        for (var i = 0; i < local.Count; i++)
        {
            var rule = local[i];
            if (SamplingPattern.AttributeMatches(request.Host, rule.Host)
                && SamplingPattern.AttributeMatches(request.HttpMethod, rule.HttpMethod)
                && SamplingPattern.AttributeMatches(request.UrlPath, rule.UrlPath))
            {
                return DecideLocally(_localReservoirs[i], rule.FixedTarget, rule.Rate, now);
            }
        }

        return DecideLocally(_localDefault, _localRules.DefaultFixedTarget, _localRules.DefaultRate, now);
    }

    private SamplerDecision DecideLocally(LocalReservoir reservoir, int fixedTarget, double rate, double now)
    {
        if (reservoir.TryTake(now, fixedTarget))
        {
            return new SamplerDecision(true, null, SamplerReason.Reservoir);
        }

        return rate > 0 && _nextDouble() < rate
            ? new SamplerDecision(true, null, SamplerReason.FixedRate)
            : new SamplerDecision(false, null, SamplerReason.NotSampled);
    }

    /// <summary>
    /// Installs the rules of a GetSamplingRules answer. Rules SDKs cannot apply are skipped (ResourceARN other than
    /// <c>*</c>, attributes, Version other than 1); rules kept by name keep their quota and counters.
    /// </summary>
    public void ApplyRules(IEnumerable<SamplingRuleRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var existing = _rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var next = new List<SamplerRule>();
        foreach (var record in records)
        {
            var rule = record?.SamplingRule;
            if (rule?.RuleName is null || rule.Version != 1 || rule.ResourceArn != "*" || rule.Attributes is { Count: > 0 })
            {
                continue;
            }

            if (existing.TryGetValue(rule.RuleName, out var kept))
            {
                kept.Update(rule);
                next.Add(kept);
            }
            else
            {
                next.Add(new SamplerRule(rule));
            }
        }

        next.Sort((a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : string.CompareOrdinal(a.Name, b.Name));
        _rules = [.. next];
        Volatile.Write(ref _rulesFetchedAt, Now);
    }

    /// <summary>
    /// The statistics to send in the next GetSamplingTargets call, or null when no rule is due (none matched a
    /// request, or each rule's interval has not passed). Taking them resets the counters.
    /// </summary>
    public GetSamplingTargetsRequest? TakeStatistics()
    {
        var now = Now;
        var documents = new List<SamplingStatisticsDocument>();
        foreach (var rule in _rules)
        {
            if (rule.TakeStatistics(ClientId, now) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents.Count == 0 ? null : new GetSamplingTargetsRequest { SamplingStatisticsDocuments = documents };
    }

    /// <summary>
    /// Applies a GetSamplingTargets answer. Returns true when the rules should be fetched again now: they changed
    /// after our last fetch, or a statistics document was refused with a 4xx code (e.g. the rule was deleted).
    /// </summary>
    public bool ApplyTargets(GetSamplingTargetsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var now = Now;
        var byName = _rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var target in response.SamplingTargetDocuments ?? [])
        {
            if (target?.RuleName is { } name && byName.TryGetValue(name, out var rule))
            {
                rule.ApplyTarget(target, now);
            }
        }

        var refresh = response.LastRuleModification > Volatile.Read(ref _rulesFetchedAt);
        foreach (var unprocessed in response.UnprocessedStatistics ?? [])
        {
            refresh |= unprocessed?.ErrorCode?.StartsWith('4') == true;
        }

        return refresh;
    }
}
