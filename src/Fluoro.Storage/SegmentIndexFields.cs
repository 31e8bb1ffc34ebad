namespace Fluoro.Storage;

/// <summary>
/// What a store indexes about one document so that summaries and filters need not re-read documents.
/// Fields of the document itself unless noted; flags and annotations cover embedded subsegments too.
/// </summary>
public sealed record SegmentIndexFields
{
    /// <summary>Nothing indexed.</summary>
    public static SegmentIndexFields Empty { get; } = new();

    /// <summary><c>fault</c> anywhere in the document's tree.</summary>
    public bool HasFault { get; init; }

    /// <summary><c>error</c> anywhere in the document's tree.</summary>
    public bool HasError { get; init; }

    /// <summary><c>throttle</c> anywhere in the document's tree.</summary>
    public bool HasThrottle { get; init; }

    /// <summary>The document's own <c>fault</c>.</summary>
    public bool Fault { get; init; }

    /// <summary>The document's own <c>error</c>.</summary>
    public bool Error { get; init; }

    /// <summary>The document's own <c>throttle</c>.</summary>
    public bool Throttle { get; init; }

    /// <summary><c>http.response.status</c>.</summary>
    public int? HttpStatus { get; init; }

    /// <summary><c>http.request.method</c>.</summary>
    public string? HttpMethod { get; init; }

    /// <summary><c>http.request.url</c>.</summary>
    public string? HttpUrl { get; init; }

    /// <summary><c>http.request.user_agent</c>.</summary>
    public string? HttpUserAgent { get; init; }

    /// <summary><c>http.request.client_ip</c>.</summary>
    public string? HttpClientIp { get; init; }

    /// <summary><c>user</c>.</summary>
    public string? User { get; init; }

    /// <summary><c>resource_arn</c>.</summary>
    public string? ResourceArn { get; init; }

    /// <summary><c>aws.account_id</c>.</summary>
    public string? AccountId { get; init; }

    /// <summary><c>aws.ec2.instance_id</c>.</summary>
    public string? InstanceId { get; init; }

    /// <summary><c>aws.ec2.availability_zone</c>.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>
    /// Names of the downstream nodes the document calls: for each <c>aws</c> or <c>remote</c> subsegment in it (embedded
    /// at any depth, or the document itself when it is a standalone subsegment) its name and, for AWS calls, the
    /// resource it names (table, bucket, function, the queue of a queue URL). Distinct, in document order.
    /// </summary>
    public IReadOnlyList<string> DownstreamNames { get; init; } = [];

    /// <summary>Annotations of the document and its embedded subsegments.</summary>
    public IReadOnlyList<AnnotationValue> Annotations { get; init; } = [];
}
