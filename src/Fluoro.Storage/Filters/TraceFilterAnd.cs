namespace Fluoro.Storage;

/// <summary>Both operands hold.</summary>
public sealed record TraceFilterAnd(TraceFilter Left, TraceFilter Right) : TraceFilter;
