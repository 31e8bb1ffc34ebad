namespace Fluoro.Tracing;

/// <summary>
/// What the ingest path needs from one valid segment document: its identity and times, plus the fields that are
/// indexed for summaries and filters. Flags prefixed <c>Has</c> and <see cref="Annotations"/> cover the document
/// and every embedded subsegment; everything else is the document's own value.
/// </summary>
public sealed class SegmentDocumentFields
{
    /// <summary>Canonical (lower-case) trace id.</summary>
    public required string TraceId { get; init; }

    /// <summary>The document's id, lower-case, 16 hex digits.</summary>
    public required string Id { get; init; }

    /// <summary><c>parent_id</c>, lower-case, when present.</summary>
    public string? ParentId { get; init; }

    /// <summary>True for a standalone subsegment (<c>"type":"subsegment"</c>).</summary>
    public bool IsSubsegment { get; init; }

    /// <summary><c>name</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>origin</c>.</summary>
    public string? Origin { get; init; }

    /// <summary><c>namespace</c> (<c>aws</c>, <c>remote</c> or absent).</summary>
    public string? Namespace { get; init; }

    /// <summary><c>start_time</c>, epoch seconds.</summary>
    public double StartTime { get; init; }

    /// <summary><c>end_time</c>, epoch seconds; null while in progress.</summary>
    public double? EndTime { get; init; }

    /// <summary><c>in_progress</c> (true only when no <c>end_time</c> was sent).</summary>
    public bool InProgress { get; init; }

    /// <summary>The document's own <c>fault</c>.</summary>
    public bool Fault { get; init; }

    /// <summary>The document's own <c>error</c>.</summary>
    public bool Error { get; init; }

    /// <summary>The document's own <c>throttle</c>.</summary>
    public bool Throttle { get; init; }

    /// <summary><c>fault</c> anywhere in the tree.</summary>
    public bool HasFault { get; init; }

    /// <summary><c>error</c> anywhere in the tree.</summary>
    public bool HasError { get; init; }

    /// <summary><c>throttle</c> anywhere in the tree.</summary>
    public bool HasThrottle { get; init; }

    /// <summary><c>http.request.method</c>.</summary>
    public string? HttpMethod { get; init; }

    /// <summary><c>http.request.url</c>.</summary>
    public string? HttpUrl { get; init; }

    /// <summary><c>http.request.user_agent</c>.</summary>
    public string? HttpUserAgent { get; init; }

    /// <summary><c>http.request.client_ip</c>.</summary>
    public string? HttpClientIp { get; init; }

    /// <summary><c>http.response.status</c>.</summary>
    public int? HttpStatus { get; init; }

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
    /// Names of the downstream nodes called by the document's <c>aws</c>/<c>remote</c> subsegments (embedded at any
    /// depth, or the document itself when it is a standalone subsegment): each one's name and, for AWS calls, the
    /// resource it names (<c>aws.table_name</c>, <c>aws.bucket_name</c>, <c>aws.function_name</c>, the last path
    /// segment of <c>aws.queue_url</c>). Distinct, at most <see cref="SegmentDocumentReader.MaxDownstreamNames"/>.
    /// </summary>
    public IReadOnlyList<string> DownstreamNames { get; init; } = [];

    /// <summary>Valid annotations of the document and its embedded subsegments (at most <see cref="SegmentDocumentReader.MaxIndexedAnnotations"/>).</summary>
    public IReadOnlyList<SegmentAnnotation> Annotations { get; init; } = [];

    /// <summary>Annotations left out of the index (bad key, bad value type, or over the limit).</summary>
    public int DroppedAnnotations { get; init; }
}
