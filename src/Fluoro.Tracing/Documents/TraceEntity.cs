using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Fluoro.Tracing.Documents;

/// <summary>
/// Members shared by segments and subsegments. Property names map to X-Ray's snake_case fields through
/// <see cref="SegmentDocumentJsonContext"/>; unset members are omitted; unknown fields read from a document are
/// kept in <see cref="ExtensionData"/> so a read-modify-write loses nothing.
/// </summary>
public abstract class TraceEntity
{
    /// <summary>16 hex digits, unique within the trace.</summary>
    public string? Id { get; set; }

    /// <summary>Service name (segments) or the called resource / function (subsegments).</summary>
    public string? Name { get; set; }

    /// <summary>Start, epoch seconds with fraction.</summary>
    public double? StartTime { get; set; }

    /// <summary>End, epoch seconds with fraction; null while in progress.</summary>
    public double? EndTime { get; set; }

    /// <summary>True instead of <see cref="EndTime"/> for work still running.</summary>
    public bool? InProgress { get; set; }

    /// <summary>HTTP request and response.</summary>
    public HttpData? Http { get; set; }

    /// <summary>AWS resource data.</summary>
    public AwsData? Aws { get; set; }

    /// <summary>A 4xx client error.</summary>
    public bool? Error { get; set; }

    /// <summary>A 429 throttle.</summary>
    public bool? Throttle { get; set; }

    /// <summary>A 5xx fault.</summary>
    public bool? Fault { get; set; }

    /// <summary>The error's cause: exceptions, or a reference to an exception recorded elsewhere.</summary>
    public Cause? Cause { get; set; }

    /// <summary>Indexed key/value pairs (string, number or boolean).</summary>
    public Dictionary<string, AnnotationScalar>? Annotations { get; set; }

    /// <summary>Namespace → arbitrary JSON, not indexed.</summary>
    public Dictionary<string, Dictionary<string, JsonNode?>>? Metadata { get; set; }

    /// <summary>Embedded subsegments.</summary>
    public List<Subsegment>? Subsegments { get; set; }

    /// <summary>Fields this model does not know, preserved verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
