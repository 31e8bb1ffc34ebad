using Fluoro.Tracing;

namespace Fluoro.Lambda.Tracing;

/// <summary>A named time span Lambda records as a subsegment.</summary>
internal readonly record struct PlatformSpan(SegmentId Id, string Name, DateTimeOffset Start, DateTimeOffset End, bool Fault = false);
