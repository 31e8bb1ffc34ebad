using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>What a filter predicate sees of one trace: its computed summary, its stored records and its processed documents.</summary>
/// <param name="Summary">The summary as it would be returned.</param>
/// <param name="Records">Every stored record of the trace (index fields included).</param>
/// <param name="Documents">The processed documents (standalone subsegments folded in, inferred segments added) as JSON text.</param>
public sealed record TraceFilterInput(TraceSummary Summary, IReadOnlyList<SegmentRecord> Records, IReadOnlyList<string> Documents);
