namespace Fluoro.Sampling;

/// <summary>A statistics document that was not used, with an HTTP-like code ("400" unknown rule or stale, "500" internal).</summary>
public sealed record UnprocessedStatistics
{
    public string? RuleName { get; init; }

    public string? ErrorCode { get; init; }

    public string? Message { get; init; }
}
