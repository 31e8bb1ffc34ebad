namespace Fluoro.XRay;

/// <summary>A rejected document: its id when one could be read, an X-Ray error code and a message.</summary>
public sealed record UnprocessedTraceSegment(string? Id, string ErrorCode, string Message);
