namespace Fluoro.Storage;

/// <summary>
/// Some current record of the trace lists <paramref name="Name"/> (ordinal) among its
/// <see cref="SegmentIndexFields.DownstreamNames"/>: the trace calls a downstream node of that name (which X-Ray may
/// show as an inferred node) or an AWS resource with that name.
/// </summary>
public sealed record DownstreamNameFilter(string Name) : TraceFilter;
