namespace Fluoro.Api;

/// <summary>What the X-Ray API has taken in since start, for <c>/_fluoro/health</c>.</summary>
public sealed class ApiCounters
{
    private long _putRequests;
    private long _documents;
    private long _unprocessed;
    private long _clientErrors;
    private long _serverErrors;

    /// <summary>PutTraceSegments calls that reached the ingest service.</summary>
    public long PutTraceSegmentsRequests => Interlocked.Read(ref _putRequests);

    /// <summary>Documents received through PutTraceSegments.</summary>
    public long DocumentsReceived => Interlocked.Read(ref _documents);

    /// <summary>Documents reported back in UnprocessedTraceSegments.</summary>
    public long DocumentsUnprocessed => Interlocked.Read(ref _unprocessed);

    /// <summary>Requests answered with a 4xx error.</summary>
    public long ClientErrors => Interlocked.Read(ref _clientErrors);

    /// <summary>Requests answered with a 5xx error.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    internal void AddSegments(int documents, int unprocessed)
    {
        Interlocked.Increment(ref _putRequests);
        Interlocked.Add(ref _documents, documents);
        Interlocked.Add(ref _unprocessed, unprocessed);
    }

    internal void AddClientError() => Interlocked.Increment(ref _clientErrors);

    internal void AddServerError() => Interlocked.Increment(ref _serverErrors);
}
