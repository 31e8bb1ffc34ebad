using Fluoro.XRay;

namespace Fluoro.Server;

/// <summary>
/// Lets the daemon start (and so learn its ports, which the Lambda service needs) before the container that builds
/// the real ingest service exists. Batches that arrive in between wait for the target.
/// </summary>
internal sealed class DeferredSegmentIngest : ISegmentIngest
{
    private readonly TaskCompletionSource<ISegmentIngest> _target = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void SetTarget(ISegmentIngest target) => _target.TrySetResult(target);

    public void Fail(Exception exception) => _target.TrySetException(exception);

    public async ValueTask<IngestResult> IngestAsync(IReadOnlyList<ReadOnlyMemory<byte>> documents, CancellationToken cancellationToken = default)
    {
        var target = await _target.Task.WaitAsync(cancellationToken);
        return await target.IngestAsync(documents, cancellationToken);
    }
}
