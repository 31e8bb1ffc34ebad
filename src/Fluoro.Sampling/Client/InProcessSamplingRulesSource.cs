namespace Fluoro.Sampling;

/// <summary>Feeds a poller straight from a <see cref="SamplingRuleService"/> in the same process.</summary>
public sealed class InProcessSamplingRulesSource(SamplingRuleService service) : ISamplingRulesSource
{
    public Task<GetSamplingRulesResponse> GetSamplingRulesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(service.GetSamplingRules());

    public Task<GetSamplingTargetsResponse> GetSamplingTargetsAsync(GetSamplingTargetsRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(service.GetSamplingTargets(request));
}
