using Fluoro.Api.Sampling;

namespace Fluoro.Server;

/// <summary>The daemon's sampling source until the container's one exists (see <see cref="DeferredSegmentIngest"/>).</summary>
internal sealed class DeferredSamplingApi : ISamplingApi
{
    private readonly TaskCompletionSource<ISamplingApi> _target = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void SetTarget(ISamplingApi target) => _target.TrySetResult(target);

    public async ValueTask<byte[]> GetSamplingRulesAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        await (await _target.Task.WaitAsync(cancellationToken)).GetSamplingRulesAsync(requestJson, cancellationToken);

    public async ValueTask<byte[]> GetSamplingTargetsAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        await (await _target.Task.WaitAsync(cancellationToken)).GetSamplingTargetsAsync(requestJson, cancellationToken);
}
