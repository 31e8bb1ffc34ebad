namespace Fluoro.FilterExpressions;

/// <summary>Plain settable implementation of <see cref="ISegmentFacts"/>.</summary>
public sealed class SegmentFacts : ISegmentFacts
{
    public required string Name { get; init; }

    public string? Origin { get; init; }

    public bool IsSubsegment { get; init; }

    public double StartTime { get; init; }

    public double? EndTime { get; init; }

    public bool Fault { get; init; }

    public bool Error { get; init; }

    public bool Throttle { get; init; }

    public int? HttpStatus { get; init; }

    public string? HttpUrl { get; init; }

    public string? HttpMethod { get; init; }

    public string? HttpUserAgent { get; init; }

    public string? HttpClientIp { get; init; }

    public string? User { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? InstanceId { get; init; }

    public string? ResourceArn { get; init; }

    public string? AccountId { get; init; }

    public IReadOnlyDictionary<string, FilterValue> Annotations { get; init; } = new Dictionary<string, FilterValue>();
}
