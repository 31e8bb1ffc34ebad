using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /ServiceGraph</c>: GetServiceGraph.</summary>
internal sealed class GetServiceGraphOperation : XRayOperation
{
    public override string Name => "GetServiceGraph";

    public override string Path => "/ServiceGraph";

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, XRayGraphJsonContext.Default.GetServiceGraphRequest);
        var result = await services.GetRequiredService<IServiceGraphQueries>().GetServiceGraphAsync(request, cancellationToken);
        return JsonBody.Write(result, XRayGraphJsonContext.Default.GetServiceGraphResult);
    }
}
