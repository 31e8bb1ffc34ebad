namespace Fluoro.Sampling;

/// <summary>Limits and timings of <see cref="SamplingRuleService"/>; defaults follow AWS where AWS says.</summary>
public sealed record SamplingRuleServiceOptions
{
    /// <summary>Region used in rule ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account used in rule ARNs.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>Custom rules allowed besides Default (AWS quota: 25).</summary>
    public int MaxCustomRules { get; init; } = 25;

    /// <summary>Seconds between a client's reports, sent back as <c>Interval</c>.</summary>
    public int TargetIntervalSeconds { get; init; } = 10;

    /// <summary>How long a granted quota is valid. Short, so a client cut off from us soon stops using a stale share.</summary>
    public TimeSpan QuotaTtl { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A client counts as active for a rule this long after its last report (two report intervals).</summary>
    public TimeSpan ActiveClientWindow { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Statistics documents older than this are returned as unprocessed.</summary>
    public TimeSpan StatisticsMaxAge { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long per-rule 10-second statistic windows are kept.</summary>
    public TimeSpan StatisticsRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Bound on remembered clients per rule; the longest-silent one is forgotten first.</summary>
    public int MaxClientsPerRule { get; init; } = 1000;

    /// <summary>Bound on 10-second windows kept per rule (360 = one hour).</summary>
    public int MaxWindowsPerRule { get; init; } = 360;

    /// <summary>How long an adaptive-sampling boost lasts.</summary>
    public TimeSpan BoostDuration { get; init; } = TimeSpan.FromMinutes(1);
}
