using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.XRay;

/// <summary>Registers the X-Ray domain services (ingest, queries) over an <c>ITraceStore</c> registered by the composition root.</summary>
public static class XRayServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ISegmentIngest"/> and the query services.</summary>
    public static IServiceCollection AddFluoroXRay(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Filled in by the X-Ray domain work: SegmentIngestService, TraceQueryService.
        return services;
    }
}
