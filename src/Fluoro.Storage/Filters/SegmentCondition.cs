namespace Fluoro.Storage;

/// <summary>
/// A condition on one record's top-level fields (<see cref="SegmentRecord"/> and <see cref="SegmentIndexFields"/>).
/// Two-valued: a comparison on an absent (null) field is false, <c>!=</c> included, and its negation is true.
/// </summary>
public abstract record SegmentCondition
{
    private protected SegmentCondition()
    {
    }

    /// <summary>Both hold.</summary>
    public static SegmentCondition And(SegmentCondition left, SegmentCondition right) => new SegmentConditionAnd(left, right);

    /// <summary>Either holds.</summary>
    public static SegmentCondition Or(SegmentCondition left, SegmentCondition right) => new SegmentConditionOr(left, right);

    /// <summary>Does not hold.</summary>
    public static SegmentCondition Not(SegmentCondition operand) => new SegmentConditionNot(operand);

    /// <summary><paramref name="field"/> compared with a value.</summary>
    public static SegmentCondition Compare(SegmentField field, ValueComparison comparison) => new SegmentFieldCondition(field, comparison);
}
