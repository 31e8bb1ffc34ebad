namespace Fluoro.XRay;

/// <summary>
/// The read side of the X-Ray API: BatchGetTraces and GetTraceSummaries. Transport-agnostic; the API layer
/// deserializes requests with <see cref="XRayJsonContext"/>, calls these and serializes the results.
/// Bad requests throw <see cref="XRayRequestException"/>, which the API maps to an AWS-shaped 400.
/// </summary>
public interface ITraceQueries
{
    /// <summary>Returns the processed documents of up to <see cref="TraceQueryLimits.MaxBatchGetTraceIds"/> traces.</summary>
    ValueTask<BatchGetTracesResult> BatchGetTracesAsync(BatchGetTracesRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns summaries of traces in a time window, newest first, one page per call.</summary>
    ValueTask<GetTraceSummariesResult> GetTraceSummariesAsync(GetTraceSummariesRequest request, CancellationToken cancellationToken = default);
}
