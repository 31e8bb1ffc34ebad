namespace Fluoro.Storage;

/// <summary>Either condition holds on the record.</summary>
public sealed record SegmentConditionOr(SegmentCondition Left, SegmentCondition Right) : SegmentCondition;
