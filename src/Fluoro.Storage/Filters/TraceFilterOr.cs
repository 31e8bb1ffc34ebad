namespace Fluoro.Storage;

/// <summary>At least one operand holds.</summary>
public sealed record TraceFilterOr(TraceFilter Left, TraceFilter Right) : TraceFilter;
