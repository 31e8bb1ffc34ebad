namespace Fluoro.Tracing;

/// <summary>Why a segment document was rejected, in PutTraceSegments' <c>UnprocessedTraceSegments</c> shape.</summary>
/// <param name="Id">The document's <c>id</c> when it could be read; null otherwise.</param>
/// <param name="ErrorCode">One of <see cref="SegmentErrorCodes"/>.</param>
/// <param name="Message">Human-readable detail, e.g. <c>Invalid segment. ErrorCode: MissingName</c>.</param>
public sealed record SegmentValidationError(string? Id, string ErrorCode, string Message);
