namespace Fluoro.Tracing;

/// <summary>
/// The <c>ErrorCode</c> values a rejected segment document gets in <c>UnprocessedTraceSegments</c>, named in
/// X-Ray's <c>Missing&lt;Field&gt;</c> / <c>Invalid&lt;Field&gt;</c> style.
/// </summary>
public static class SegmentErrorCodes
{
    /// <summary>The document is not JSON.</summary>
    public const string InvalidJson = "InvalidJson";

    /// <summary>No <c>id</c>.</summary>
    public const string MissingId = "MissingId";

    /// <summary><c>id</c> is not 16 hex digits.</summary>
    public const string InvalidId = "InvalidId";

    /// <summary>No <c>name</c>.</summary>
    public const string MissingName = "MissingName";

    /// <summary><c>name</c> too long or has a disallowed character.</summary>
    public const string InvalidName = "InvalidName";

    /// <summary>No <c>start_time</c>.</summary>
    public const string MissingStartTime = "MissingStartTime";

    /// <summary><c>start_time</c> is not a finite number.</summary>
    public const string InvalidStartTime = "InvalidStartTime";

    /// <summary>Neither <c>end_time</c> nor <c>in_progress: true</c>.</summary>
    public const string MissingEndTime = "MissingEndTime";

    /// <summary><c>end_time</c> is not a finite number.</summary>
    public const string InvalidEndTime = "InvalidEndTime";

    /// <summary>No <c>trace_id</c> on a top-level document.</summary>
    public const string MissingTraceId = "MissingTraceId";

    /// <summary><c>trace_id</c> is malformed.</summary>
    public const string InvalidTraceId = "InvalidTraceId";

    /// <summary>A standalone subsegment without <c>parent_id</c>.</summary>
    public const string MissingParentId = "MissingParentId";

    /// <summary><c>parent_id</c> is not 16 hex digits.</summary>
    public const string InvalidParentId = "InvalidParentId";

    /// <summary><c>type</c> is neither absent nor <c>subsegment</c>.</summary>
    public const string InvalidType = "InvalidType";

    /// <summary>The document exceeds 64 KB.</summary>
    public const string SegmentTooLarge = "SegmentTooLarge";
}
