using Fluoro.Api.Sampling;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /GetSamplingRules</c>: every rule in one page (SDKs ignore NextToken).</summary>
internal sealed class GetSamplingRulesOperation : XRayOperation
{
    public override string Name => "GetSamplingRules";

    public override string Path => "/GetSamplingRules";

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ISamplingApi>().GetSamplingRulesAsync(body, cancellationToken);
}
