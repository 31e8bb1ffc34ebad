using Fluoro.Api.Sampling;
using Fluoro.Sampling;
using Fluoro.XRay;

namespace Fluoro.Server;

/// <summary>Serves GetSamplingRules and GetSamplingTargets (edge port and daemon TCP) from the sampling-rules engine.</summary>
internal sealed class SamplingRuleServiceApi(SamplingRuleService rules) : ISamplingApi
{
    public ValueTask<byte[]> GetSamplingRulesAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SamplingOperation.Translate(() => rules.GetSamplingRulesJson(requestJson.Span)));

    public ValueTask<byte[]> GetSamplingTargetsAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SamplingOperation.Translate(() => rules.GetSamplingTargetsJson(requestJson.Span)));
}
