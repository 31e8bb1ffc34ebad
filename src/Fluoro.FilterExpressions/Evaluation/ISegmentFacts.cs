namespace Fluoro.FilterExpressions;

/// <summary>One segment or subsegment. Absent fields are null (not empty strings), because "is set" tests rely on it.</summary>
public interface ISegmentFacts
{
    string Name { get; }

    /// <summary>Segment <c>origin</c> (e.g. <c>AWS::Lambda::Function</c>), or a subsegment's namespace.</summary>
    string? Origin { get; }

    bool IsSubsegment { get; }

    /// <summary>Epoch seconds.</summary>
    double StartTime { get; }

    /// <summary>Epoch seconds; null while in progress.</summary>
    double? EndTime { get; }

    bool Fault { get; }

    bool Error { get; }

    bool Throttle { get; }

    int? HttpStatus { get; }

    string? HttpUrl { get; }

    string? HttpMethod { get; }

    string? HttpUserAgent { get; }

    string? HttpClientIp { get; }

    string? User { get; }

    string? AvailabilityZone { get; }

    string? InstanceId { get; }

    string? ResourceArn { get; }

    string? AccountId { get; }

    /// <summary>Annotation values with their JSON types preserved.</summary>
    IReadOnlyDictionary<string, FilterValue> Annotations { get; }
}
