namespace Fluoro.Storage;

/// <summary>The operand does not hold (two-valued: a trace either satisfies a filter or not).</summary>
public sealed record TraceFilterNot(TraceFilter Operand) : TraceFilter;
