using System.Text.Json.Nodes;
using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>One top-level document of an assembled trace: a real segment, an orphan subsegment or an inferred segment.</summary>
internal sealed class AssembledEntry
{
    public required string Id { get; init; }

    public required JsonObject Node { get; init; }

    /// <summary>The stored record behind a real entry; null for inferred segments.</summary>
    public SegmentRecord? Record { get; init; }

    public bool Inferred { get; init; }

    /// <summary>A standalone subsegment whose parent never arrived.</summary>
    public bool Orphan { get; init; }

    public double StartTime { get; set; }

    public double? EndTime { get; set; }

    /// <summary>Service node name (inferred entries: resource-based, e.g. the table name).</summary>
    public string? ServiceName { get; init; }

    /// <summary>Service node type (origin).</summary>
    public string? ServiceType { get; init; }

    /// <summary>Account of the service node.</summary>
    public string? AccountId { get; init; }
}
