namespace Fluoro.Tracing.Documents;

/// <summary>A segment: the work one service did for one request.</summary>
public sealed class Segment : TraceEntity
{
    /// <summary>The trace id (<c>1-xxxxxxxx-…</c>).</summary>
    public string? TraceId { get; set; }

    /// <summary>The caller's subsegment id, from the incoming <c>Parent=</c> header field.</summary>
    public string? ParentId { get; set; }

    /// <summary>Resource type, e.g. <c>AWS::Lambda::Function</c>.</summary>
    public string? Origin { get; set; }

    /// <summary>End user of the request.</summary>
    public string? User { get; set; }

    /// <summary>ARN of the resource that ran the request.</summary>
    public string? ResourceArn { get; set; }

    /// <summary>The application version and runtime.</summary>
    public ServiceInfo? Service { get; set; }

    /// <summary>Set by the service on segments it inferred from a caller's subsegment.</summary>
    public bool? Inferred { get; set; }
}
