using Fluoro.Api.Sampling;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /SamplingTargets</c> (GetSamplingTargets): reservoir quotas for reporting clients.</summary>
internal sealed class GetSamplingTargetsOperation : XRayOperation
{
    public override string Name => "GetSamplingTargets";

    public override string Path => "/SamplingTargets";

    public override ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ISamplingApi>().GetSamplingTargetsAsync(body, cancellationToken);
}
