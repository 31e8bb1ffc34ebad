namespace Fluoro.XRay;

/// <summary>One GetTraceSummaries entry. Member names are the AWS model's; lists and maps are emitted empty, not omitted.</summary>
public sealed record TraceSummary
{
    /// <summary>Trace id.</summary>
    public required string Id { get; init; }

    /// <summary>Earliest segment start, epoch seconds.</summary>
    public double? StartTime { get; init; }

    /// <summary>Earliest start to latest end across all documents, seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>Root segment end minus start, seconds.</summary>
    public double? ResponseTime { get; init; }

    /// <summary>The root segment faulted (5xx).</summary>
    public bool HasFault { get; init; }

    /// <summary>The root segment errored (4xx).</summary>
    public bool HasError { get; init; }

    /// <summary>Any document was throttled (429).</summary>
    public bool HasThrottle { get; init; }

    /// <summary>At least one document is still in progress.</summary>
    public bool IsPartial { get; init; }

    /// <summary>HTTP data of the root segment.</summary>
    public TraceHttp? Http { get; init; }

    /// <summary>Annotation key → distinct values with the services that recorded them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ValueWithServiceIds>> Annotations { get; init; } =
        new Dictionary<string, IReadOnlyList<ValueWithServiceIds>>();

    /// <summary>Distinct users with the services that recorded them.</summary>
    public IReadOnlyList<TraceUser> Users { get; init; } = [];

    /// <summary>Every service node of the trace, inferred ones included.</summary>
    public IReadOnlyList<ServiceId> ServiceIds { get; init; } = [];

    /// <summary>Distinct <c>resource_arn</c> values.</summary>
    public IReadOnlyList<ResourceArnDetail> ResourceARNs { get; init; } = [];

    /// <summary>Distinct EC2 instance ids.</summary>
    public IReadOnlyList<InstanceIdDetail> InstanceIds { get; init; } = [];

    /// <summary>Distinct availability zones.</summary>
    public IReadOnlyList<AvailabilityZoneDetail> AvailabilityZones { get; init; } = [];

    /// <summary>The root service.</summary>
    public ServiceId? EntryPoint { get; init; }

    /// <summary>Services whose faults explain the trace's faults.</summary>
    public IReadOnlyList<RootCause> FaultRootCauses { get; init; } = [];

    /// <summary>Services whose errors explain the trace's errors.</summary>
    public IReadOnlyList<RootCause> ErrorRootCauses { get; init; } = [];

    /// <summary>Entities that account for most of the response time.</summary>
    public IReadOnlyList<RootCause> ResponseTimeRootCauses { get; init; } = [];

    /// <summary>Number of documents received for the trace; grows as more arrive.</summary>
    public int Revision { get; init; }

    /// <summary>For <c>TimeRangeType=Event</c>: the receive time that matched the window.</summary>
    public double? MatchedEventTime { get; init; }
}
