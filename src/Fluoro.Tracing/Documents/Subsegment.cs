namespace Fluoro.Tracing.Documents;

/// <summary>
/// A subsegment: a downstream call or a unit of local work. Embedded in its parent's <c>subsegments</c>, or sent
/// on its own with <see cref="Type"/> = <c>subsegment</c>, <see cref="TraceId"/> and <see cref="ParentId"/>.
/// </summary>
public sealed class Subsegment : TraceEntity
{
    /// <summary><c>subsegment</c> on standalone documents; null when embedded.</summary>
    public string? Type { get; set; }

    /// <summary>The trace id (standalone only).</summary>
    public string? TraceId { get; set; }

    /// <summary>Parent segment or subsegment id (standalone only).</summary>
    public string? ParentId { get; set; }

    /// <summary><c>aws</c> for AWS SDK calls, <c>remote</c> for other downstream calls.</summary>
    public string? Namespace { get; set; }

    /// <summary>SQL query data.</summary>
    public SqlData? Sql { get; set; }

    /// <summary>Ids of sibling subsegments that finished before this one started.</summary>
    public List<string>? PrecursorIds { get; set; }
}
