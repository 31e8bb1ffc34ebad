namespace Fluoro.XRay;

/// <summary>
/// The one entry point for segment documents, whatever the transport (UDP daemon, PutTraceSegments,
/// Lambda's own segments). Each document is validated on its own: a bad one is reported in the result
/// and never costs the rest of the batch. When the call completes, every accepted document is durable.
/// </summary>
public interface ISegmentIngest
{
    /// <summary>Validates and stores a batch of UTF-8 JSON documents.</summary>
    ValueTask<IngestResult> IngestAsync(IReadOnlyList<ReadOnlyMemory<byte>> documents, CancellationToken cancellationToken = default);
}
