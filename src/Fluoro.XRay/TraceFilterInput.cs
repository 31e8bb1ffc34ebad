using Fluoro.FilterExpressions;
using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>What a filter predicate sees of one trace: its computed summary, its stored records and the evaluator's view of it.</summary>
/// <param name="Summary">The summary as it would be returned.</param>
/// <param name="Records">Every stored record of the trace (index fields included).</param>
/// <param name="Facts">Segments (flattened), services (inferred ones included) and edges of the assembled trace.</param>
public sealed record TraceFilterInput(TraceSummary Summary, IReadOnlyList<SegmentRecord> Records, ITraceFacts Facts);
