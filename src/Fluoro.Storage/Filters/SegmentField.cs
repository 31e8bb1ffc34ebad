namespace Fluoro.Storage;

/// <summary>The record fields a <see cref="SegmentFieldCondition"/> can test, with their value types.</summary>
public enum SegmentField
{
    /// <summary>Boolean: <see cref="SegmentRecord.IsSubsegment"/>.</summary>
    IsSubsegment,

    /// <summary>Boolean: <see cref="SegmentRecord.InProgress"/>.</summary>
    InProgress,

    /// <summary>String: <see cref="SegmentRecord.Name"/>.</summary>
    Name,

    /// <summary>String: <see cref="SegmentRecord.Origin"/>.</summary>
    Origin,

    /// <summary>Number: <see cref="SegmentRecord.StartTime"/>.</summary>
    StartTime,

    /// <summary>Number: <see cref="SegmentRecord.EndTime"/>.</summary>
    EndTime,

    /// <summary>Number: end minus start, absent while in progress.</summary>
    Elapsed,

    /// <summary>Number: <see cref="SegmentRecord.ReceivedTime"/> (finds traces changed since a moment).</summary>
    ReceivedTime,

    /// <summary>Boolean: the document's own <c>fault</c>.</summary>
    Fault,

    /// <summary>Boolean: the document's own <c>error</c>.</summary>
    Error,

    /// <summary>Boolean: the document's own <c>throttle</c>.</summary>
    Throttle,

    /// <summary>Boolean: <c>fault</c> anywhere in the document's tree.</summary>
    HasFault,

    /// <summary>Boolean: <c>error</c> anywhere in the document's tree.</summary>
    HasError,

    /// <summary>Boolean: <c>throttle</c> anywhere in the document's tree.</summary>
    HasThrottle,

    /// <summary>Number: <see cref="SegmentIndexFields.HttpStatus"/>.</summary>
    HttpStatus,

    /// <summary>String: <see cref="SegmentIndexFields.HttpMethod"/>.</summary>
    HttpMethod,

    /// <summary>String: <see cref="SegmentIndexFields.HttpUrl"/>.</summary>
    HttpUrl,

    /// <summary>String: <see cref="SegmentIndexFields.HttpUserAgent"/>.</summary>
    HttpUserAgent,

    /// <summary>String: <see cref="SegmentIndexFields.HttpClientIp"/>.</summary>
    HttpClientIp,

    /// <summary>String: <see cref="SegmentIndexFields.User"/>.</summary>
    User,

    /// <summary>String: <see cref="SegmentIndexFields.ResourceArn"/>.</summary>
    ResourceArn,

    /// <summary>String: <see cref="SegmentIndexFields.AccountId"/>.</summary>
    AccountId,

    /// <summary>String: <see cref="SegmentIndexFields.InstanceId"/>.</summary>
    InstanceId,

    /// <summary>String: <see cref="SegmentIndexFields.AvailabilityZone"/>.</summary>
    AvailabilityZone,
}
