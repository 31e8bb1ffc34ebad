namespace Fluoro.Storage;

/// <summary>Both conditions hold on the same record.</summary>
public sealed record SegmentConditionAnd(SegmentCondition Left, SegmentCondition Right) : SegmentCondition;
