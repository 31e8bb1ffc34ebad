namespace Fluoro.Storage;

/// <summary>
/// The UTF-8 bytes of some current document of the trace contain <paramref name="Text"/> (ordinal). Used as a
/// cheap necessary condition for facts the store does not index (e.g. names inside embedded subsegments). Backends
/// must support ASCII text; other text may be matched conservatively (never reporting a miss for a match).
/// </summary>
public sealed record DocumentContainsFilter(string Text) : TraceFilter;
