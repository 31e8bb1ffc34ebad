namespace Fluoro.Sdk;

/// <summary>
/// The X-Ray default rule without a daemon: a reservoir of <see cref="ReservoirPerSecond"/> requests each second,
/// then <see cref="FixedRate"/> of the rest. Thread-safe and allocation-free.
/// </summary>
public sealed class DefaultRuleSampler : ISampler
{
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private long _currentSecond = -1;
    private int _takenThisSecond;

    /// <summary>Creates the sampler with the default rule (1 per second, then 5 %).</summary>
    public DefaultRuleSampler(TimeProvider timeProvider, int reservoirPerSecond = 1, double fixedRate = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reservoirPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(fixedRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fixedRate, 1);
        _timeProvider = timeProvider;
        ReservoirPerSecond = reservoirPerSecond;
        FixedRate = fixedRate;
    }

    /// <summary>Requests sampled each second before the fixed rate applies.</summary>
    public int ReservoirPerSecond { get; }

    /// <summary>Share of the remaining requests sampled.</summary>
    public double FixedRate { get; }

    /// <inheritdoc/>
    public bool ShouldSample(in SamplingRequest request)
    {
        var second = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (second != _currentSecond)
            {
                _currentSecond = second;
                _takenThisSecond = 0;
            }

            if (_takenThisSecond < ReservoirPerSecond)
            {
                _takenThisSecond++;
                return true;
            }
        }

        return Random.Shared.NextDouble() < FixedRate;
    }
}
