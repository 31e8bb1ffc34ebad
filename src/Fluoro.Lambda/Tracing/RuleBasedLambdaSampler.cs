using Fluoro.Sampling;

namespace Fluoro.Lambda.Tracing;

/// <summary>
/// Decides Active-tracing invocations that carry no upstream decision with the X-Ray sampling rules of a
/// <see cref="SamplingRuleService"/> in the same process, the way an SDK would through the daemon: the request is
/// matched as service name = function name, service type <c>AWS::Lambda</c>. With only the Default rule this is
/// one request per second, then 5 %. Rules created, updated or deleted (for example with
/// <c>aws xray create-sampling-rule</c>) apply from the next invocation; reservoir quotas come from the service's
/// GetSamplingTargets, exchanged at most every ten seconds on the invoke path. Thread-safe.
/// </summary>
/// <remarks>
/// Register it before <c>AddFluoroLambda</c>, which only adds its built-in sampler when none is registered:
/// <c>services.AddSingleton&lt;ILambdaSampler&gt;(new RuleBasedLambdaSampler(samplingRules, timeProvider));</c>.
/// Like the SDKs, it skips rules whose ResourceARN is not <c>*</c> or that have attributes.
/// </remarks>
public sealed class RuleBasedLambdaSampler : ILambdaSampler
{
    // Rule changes are noticed by snapshot identity at once; this only bounds how stale a missed change can be
    // and keeps the sampler's one-hour rule cache from ever expiring into the local fallback.
    private static readonly TimeSpan RulesRefresh = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan TargetsInterval = TimeSpan.FromSeconds(10);

    private readonly SamplingRuleService _rules;
    private readonly TimeProvider _time;
    private readonly Sampler _sampler;
    private readonly Lock _refresh = new();
    private IReadOnlyList<SamplingRuleRecord>? _appliedRules;
    private long _nextRulesRefresh = long.MinValue;
    private long _nextTargets = long.MinValue;
    private long _targetFailures;

    /// <summary>Creates a sampler over <paramref name="rules"/>.</summary>
    /// <param name="rules">The X-Ray sampling rules (the same instance the X-Ray API edits).</param>
    /// <param name="timeProvider">The clock for reservoirs, quotas and refreshes.</param>
    /// <param name="options">Sampler settings, e.g. a seeded <see cref="SamplerOptions.NextDouble"/> for tests.</param>
    public RuleBasedLambdaSampler(SamplingRuleService rules, TimeProvider timeProvider, SamplerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _rules = rules;
        _time = timeProvider;
        _sampler = new Sampler(timeProvider, options);
    }

    /// <summary>The client id this sampler reports statistics under.</summary>
    public string ClientId => _sampler.ClientId;

    /// <summary>GetSamplingTargets exchanges that failed (the sampler keeps its previous targets).</summary>
    public long TargetFailures => Interlocked.Read(ref _targetFailures);

    /// <inheritdoc />
    public bool ShouldSample(LambdaSamplingRequest request) => Decide(request).Sampled;

    /// <summary>The decision with the rule that made it, for diagnostics and tests.</summary>
    public SamplerDecision Decide(LambdaSamplingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Refresh();
        return _sampler.ShouldSample(new SamplingRequest(request.ServiceName, request.ServiceType));
    }

    private void Refresh()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var rules = _rules.Rules;
        if (ReferenceEquals(rules, Volatile.Read(ref _appliedRules)) && now < Volatile.Read(ref _nextRulesRefresh) && now < Volatile.Read(ref _nextTargets))
        {
            return;
        }

        // One caller refreshes; the others decide with what is installed rather than wait on the invoke path.
        if (!_refresh.TryEnter())
        {
            return;
        }

        try
        {
            if (!ReferenceEquals(rules, _appliedRules) || now >= _nextRulesRefresh)
            {
                Apply(rules, now);
            }

            if (now >= _nextTargets)
            {
                Volatile.Write(ref _nextTargets, now + TargetsInterval.Ticks);
                ExchangeTargets(now);
            }
        }
        finally
        {
            _refresh.Exit();
        }
    }

    private void Apply(IReadOnlyList<SamplingRuleRecord> rules, long now)
    {
        _sampler.ApplyRules(rules);
        Volatile.Write(ref _appliedRules, rules);
        Volatile.Write(ref _nextRulesRefresh, now + RulesRefresh.Ticks);
    }

    private void ExchangeTargets(long now)
    {
        if (_sampler.TakeStatistics() is not { } statistics)
        {
            return;
        }

        try
        {
            if (_sampler.ApplyTargets(_rules.GetSamplingTargets(statistics)))
            {
                Apply(_rules.Rules, now);
            }
        }
        catch (SamplingException)
        {
            Interlocked.Increment(ref _targetFailures);
        }
    }
}
