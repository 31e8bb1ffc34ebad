using Fluoro.XRay;

namespace Fluoro.Api.Tests;

/// <summary>ITraceQueries that records requests and answers with canned results or a chosen exception.</summary>
internal sealed class FakeQueries : ITraceQueries
{
    public Exception? Throw { get; set; }

    public BatchGetTracesRequest? LastBatchRequest { get; private set; }

    public GetTraceSummariesRequest? LastSummariesRequest { get; private set; }

    public ValueTask<BatchGetTracesResult> BatchGetTracesAsync(BatchGetTracesRequest request, CancellationToken cancellationToken = default)
    {
        LastBatchRequest = request;
        if (Throw is not null)
        {
            throw Throw;
        }

        var found = request.TraceIds?.Where(id => id.StartsWith("1-", StringComparison.Ordinal)).ToList() ?? [];
        return ValueTask.FromResult(new BatchGetTracesResult
        {
            Traces = found.Select(id => new Trace
            {
                Id = id,
                Duration = 1.5,
                Segments = [new TraceSegment { Id = "53995c3f42cd8ad8", Document = "{\"id\":\"53995c3f42cd8ad8\"}" }],
            }).ToList(),
            UnprocessedTraceIds = request.TraceIds?.Except(found).ToList() ?? [],
        });
    }

    public ValueTask<GetTraceSummariesResult> GetTraceSummariesAsync(GetTraceSummariesRequest request, CancellationToken cancellationToken = default)
    {
        LastSummariesRequest = request;
        if (Throw is not null)
        {
            throw Throw;
        }

        return ValueTask.FromResult(new GetTraceSummariesResult { ApproximateTime = request.EndTime, TracesProcessedCount = 0 });
    }
}
