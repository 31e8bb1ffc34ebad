using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /TraceSummaries</c>: trace summaries in a time window.</summary>
internal sealed class GetTraceSummariesOperation : XRayOperation
{
    public override string Name => "GetTraceSummaries";

    public override string Path => "/TraceSummaries";

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, XRayJsonContext.Default.GetTraceSummariesRequest);
        var result = await services.GetRequiredService<ITraceQueries>().GetTraceSummariesAsync(request, cancellationToken);
        return JsonBody.Write(result, XRayJsonContext.Default.GetTraceSummariesResult);
    }
}
