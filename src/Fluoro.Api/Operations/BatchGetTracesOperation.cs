using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /Traces</c>: assembled traces by id.</summary>
internal sealed class BatchGetTracesOperation : XRayOperation
{
    public override string Name => "BatchGetTraces";

    public override string Path => "/Traces";

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, XRayJsonContext.Default.BatchGetTracesRequest);
        var result = await services.GetRequiredService<ITraceQueries>().BatchGetTracesAsync(request, cancellationToken);
        return JsonBody.Write(result, XRayJsonContext.Default.BatchGetTracesResult);
    }
}
