using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /TraceGraph</c>: GetTraceGraph.</summary>
internal sealed class GetTraceGraphOperation : XRayOperation
{
    public override string Name => "GetTraceGraph";

    public override string Path => "/TraceGraph";

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, XRayGraphJsonContext.Default.GetTraceGraphRequest);
        var result = await services.GetRequiredService<IServiceGraphQueries>().GetTraceGraphAsync(request, cancellationToken);
        return JsonBody.Write(result, XRayGraphJsonContext.Default.GetTraceGraphResult);
    }
}
