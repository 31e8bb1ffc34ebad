namespace Fluoro.Sampling;

/// <summary>Where a <see cref="SamplingPoller"/> gets rules and targets: the daemon's TCP port, or the service in-process.</summary>
public interface ISamplingRulesSource
{
    Task<GetSamplingRulesResponse> GetSamplingRulesAsync(CancellationToken cancellationToken = default);

    Task<GetSamplingTargetsResponse> GetSamplingTargetsAsync(GetSamplingTargetsRequest request, CancellationToken cancellationToken = default);
}
