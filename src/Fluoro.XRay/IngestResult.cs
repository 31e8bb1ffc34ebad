namespace Fluoro.XRay;

/// <summary>The outcome of one ingest call.</summary>
/// <param name="Accepted">Documents stored.</param>
/// <param name="Unprocessed">Documents rejected, with the reason, in PutTraceSegments' shape.</param>
public sealed record IngestResult(int Accepted, IReadOnlyList<UnprocessedTraceSegment> Unprocessed);
