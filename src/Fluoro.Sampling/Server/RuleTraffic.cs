namespace Fluoro.Sampling;

/// <summary>What the target engine remembers about one rule: recent reporters, 10-second windows, boost state.</summary>
internal sealed class RuleTraffic
{
    public Dictionary<string, ClientReport> Clients { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<long, WindowCounts> Windows { get; } = [];

    public double LastBoostAt { get; set; } = double.NegativeInfinity;

    public double BoostUntil { get; set; } = double.NegativeInfinity;

    public double BoostRate { get; set; }
}
