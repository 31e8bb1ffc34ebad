namespace Fluoro.Sampling;

/// <summary>
/// Keeps a <see cref="Sampler"/> fed: fetches rules at start and every five minutes, reports statistics and applies
/// targets every ten seconds (only when some rule is due), and re-fetches rules at once when a target answer says
/// they changed. Failures are counted and retried on the next turn; the sampler keeps deciding with what it has,
/// falling back to its local rules after an hour without rules.
/// </summary>
public sealed class SamplingPoller
{
    private readonly Sampler _sampler;
    private readonly ISamplingRulesSource _source;
    private readonly TimeProvider _time;
    private readonly SamplingPollerOptions _options;
    private readonly Func<double> _nextDouble;
    private DateTimeOffset _nextRules = DateTimeOffset.MinValue;
    private DateTimeOffset _nextTargets = DateTimeOffset.MinValue;
    private long _failures;

    public SamplingPoller(Sampler sampler, ISamplingRulesSource source, TimeProvider timeProvider, SamplingPollerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sampler = sampler;
        _source = source;
        _time = timeProvider;
        _options = options ?? new SamplingPollerOptions();
        _nextDouble = _options.NextDouble ?? Random.Shared.NextDouble;
    }

    /// <summary>Calls to the source that failed since start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Does whatever is due now and returns how long to wait before calling again.</summary>
    public async Task<TimeSpan> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (now >= _nextRules)
        {
            await RefreshRulesAsync(now, cancellationToken);
        }

        if (now >= _nextTargets)
        {
            _nextTargets = now + _options.TargetsInterval + Jitter(_options.TargetsJitter);
            if (_sampler.TakeStatistics() is { } statistics)
            {
                try
                {
                    if (_sampler.ApplyTargets(await _source.GetSamplingTargetsAsync(statistics, cancellationToken)))
                    {
                        await RefreshRulesAsync(now, cancellationToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }

        var next = _nextRules < _nextTargets ? _nextRules : _nextTargets;
        var wait = next - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = await PollOnceAsync(cancellationToken);
            try
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RefreshRulesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _nextRules = now + _options.RulesInterval + Jitter(_options.RulesJitter);
        try
        {
            var rules = await _source.GetSamplingRulesAsync(cancellationToken);
            _sampler.ApplyRules(rules.SamplingRuleRecords ?? []);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    private TimeSpan Jitter(TimeSpan max) => max * _nextDouble();
}
