using Fluoro.XRay;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api.Operations;

/// <summary><c>POST /TimeSeriesServiceStatistics</c>: GetTimeSeriesServiceStatistics.</summary>
internal sealed class GetTimeSeriesServiceStatisticsOperation : XRayOperation
{
    public override string Name => "GetTimeSeriesServiceStatistics";

    public override string Path => "/TimeSeriesServiceStatistics";

    public override async ValueTask<byte[]> ExecuteAsync(ReadOnlyMemory<byte> body, IServiceProvider services, CancellationToken cancellationToken)
    {
        var request = JsonBody.Read(body, XRayGraphJsonContext.Default.GetTimeSeriesServiceStatisticsRequest);
        var result = await services.GetRequiredService<IServiceGraphQueries>().GetTimeSeriesServiceStatisticsAsync(request, cancellationToken);
        return JsonBody.Write(result, XRayGraphJsonContext.Default.GetTimeSeriesServiceStatisticsResult);
    }
}
