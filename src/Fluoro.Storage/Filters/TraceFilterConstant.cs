namespace Fluoro.Storage;

/// <summary>Always <paramref name="Value"/>; see <see cref="TraceFilter.All"/> and <see cref="TraceFilter.None"/>.</summary>
public sealed record TraceFilterConstant(bool Value) : TraceFilter;
