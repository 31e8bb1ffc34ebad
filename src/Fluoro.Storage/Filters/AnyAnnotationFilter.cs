namespace Fluoro.Storage;

/// <summary>
/// Some indexed annotation (<see cref="SegmentIndexFields.Annotations"/>) of a current record of the trace has key
/// <paramref name="Key"/> (ordinal, case-sensitive) and, when <paramref name="Comparison"/> is set, a value of the
/// comparison's type that satisfies it. A string comparison never matches a number or boolean value and so on.
/// </summary>
public sealed record AnyAnnotationFilter(string Key, ValueComparison? Comparison = null) : TraceFilter;
