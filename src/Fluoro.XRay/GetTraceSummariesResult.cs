namespace Fluoro.XRay;

/// <summary>Response of GetTraceSummaries.</summary>
public sealed record GetTraceSummariesResult
{
    /// <summary>Summaries of this page, newest first.</summary>
    public IReadOnlyList<TraceSummary> TraceSummaries { get; init; } = [];

    /// <summary>Start time of this page of results, epoch seconds.</summary>
    public double? ApproximateTime { get; init; }

    /// <summary>Traces examined for this page, matching or not.</summary>
    public long TracesProcessedCount { get; init; }

    /// <summary>Token for the next page; null when the window is exhausted.</summary>
    public string? NextToken { get; init; }
}
