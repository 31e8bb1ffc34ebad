namespace Fluoro.Storage;

/// <summary>Some current record of the trace satisfies <paramref name="Condition"/> (all of it, on that one record).</summary>
public sealed record AnySegmentFilter(SegmentCondition Condition) : TraceFilter;
