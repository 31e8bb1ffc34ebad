namespace Fluoro.Storage;

/// <summary>One field of the record compared with a value of the field's type (see <see cref="SegmentField"/>).</summary>
public sealed record SegmentFieldCondition(SegmentField Field, ValueComparison Comparison) : SegmentCondition;
