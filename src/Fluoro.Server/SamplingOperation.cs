using Fluoro.Api.Operations;
using Fluoro.Sampling;
using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Server;

/// <summary>
/// The sampling-rule operations of the X-Ray API, served by <see cref="SamplingRuleService"/>. They live here, in the
/// composition root, so the API assembly does not depend on the rules engine.
/// </summary>
internal sealed class SamplingOperation : XRayOperation
{
    private readonly Func<SamplingRuleService, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> _run;

    private SamplingOperation(string name, string path, Func<SamplingRuleService, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> run)
    {
        Name = name;
        Path = path;
        _run = run;
    }

    public override string Name { get; }

    public override string Path { get; }

    public static IEnumerable<XRayOperation> All()
    {
        yield return new SamplingOperation("CreateSamplingRule", "/CreateSamplingRule", (s, b, ct) => s.CreateSamplingRuleJsonAsync(b, ct));
        yield return new SamplingOperation("UpdateSamplingRule", "/UpdateSamplingRule", (s, b, ct) => s.UpdateSamplingRuleJsonAsync(b, ct));
        yield return new SamplingOperation("DeleteSamplingRule", "/DeleteSamplingRule", (s, b, ct) => s.DeleteSamplingRuleJsonAsync(b, ct));
        yield return new SamplingOperation(
            "GetSamplingStatisticSummaries", "/SamplingStatisticSummaries", (s, b, _) => Task.FromResult(s.GetSamplingStatisticSummariesJson(b.Span)));
    }

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            return await _run(services.GetRequiredService<SamplingRuleService>(), body, cancellationToken);
        }
        catch (SamplingException ex)
        {
            throw new XRayRequestException(ex.ErrorType, ex.Message);
        }
    }

    /// <summary>Runs a synchronous rules call, turning its validation errors into API errors.</summary>
    internal static byte[] Translate(Func<byte[]> call)
    {
        try
        {
            return call();
        }
        catch (SamplingException ex)
        {
            throw new XRayRequestException(ex.ErrorType, ex.Message);
        }
    }
}
