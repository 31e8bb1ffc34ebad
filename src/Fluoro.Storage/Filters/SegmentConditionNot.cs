namespace Fluoro.Storage;

/// <summary>The condition does not hold on the record.</summary>
public sealed record SegmentConditionNot(SegmentCondition Operand) : SegmentCondition;
