namespace Fluoro.FilterExpressions;

/// <summary>Every simple keyword of the filter-expression language (spec §10.2).</summary>
public enum FilterKeyword
{
    // Boolean keywords.
    Ok,
    Error,
    Throttle,
    Fault,
    Partial,
    Inferred,
    First,
    Last,
    Remote,
    Root,

    // Number keywords.
    ResponseTime,
    Duration,
    HttpStatus,
    Index,
    Coverage,

    // String keywords.
    HttpUrl,
    HttpMethod,
    HttpUserAgent,
    HttpClientIp,
    User,
    Name,
    Type,
    Message,
    AvailabilityZone,
    InstanceId,
    ResourceArn,
    AccountId,
}
