namespace Fluoro.Storage;

/// <summary>One page of trace ids, newest first.</summary>
/// <param name="TraceIds">The matching trace ids of this page.</param>
/// <param name="NextCursor">Cursor for the next page; null when the window is exhausted.</param>
/// <param name="TracesScanned">Traces examined for this page, matching or not.</param>
public sealed record TraceSearchPage(IReadOnlyList<string> TraceIds, string? NextCursor, long TracesScanned);
