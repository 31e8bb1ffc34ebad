namespace Fluoro.XRay;

/// <summary>Fixed limits of the query API, chosen to match what real X-Ray clients expect.</summary>
public static class TraceQueryLimits
{
    /// <summary>
    /// Trace ids accepted by one BatchGetTraces call. The real service accepts 5; more is refused with
    /// <c>InvalidRequestException</c> rather than paged, so that clients written against AWS behave the same here.
    /// </summary>
    public const int MaxBatchGetTraceIds = 5;

    /// <summary>Summaries returned in one GetTraceSummaries page.</summary>
    public const int SummariesPageSize = 100;

    /// <summary>Longest GetTraceSummaries window accepted in one call (24 hours).</summary>
    public const double MaxSummaryWindowSeconds = 24 * 60 * 60;
}
