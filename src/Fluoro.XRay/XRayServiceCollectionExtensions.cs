using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fluoro.XRay;

/// <summary>Registers the X-Ray domain services (ingest, queries) over an <c>ITraceStore</c> registered by the composition root.</summary>
public static class XRayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ISegmentIngest"/> (<see cref="SegmentIngestService"/>), <see cref="ITraceQueries"/>
    /// (<see cref="TraceQueryService"/>), <see cref="IngestCounters"/> and <see cref="TimeProvider.System"/> unless a
    /// TimeProvider is already registered. Requires <c>ITraceStore</c>; an <see cref="ITraceFilterCompiler"/> is used when registered.
    /// </summary>
    public static IServiceCollection AddFluoroXRay(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IngestCounters>();
        services.TryAddSingleton<Storage.ITraceWriter>(static sp => sp.GetRequiredService<Storage.ITraceStore>());
        services.TryAddSingleton<Storage.ITraceReader>(static sp => sp.GetRequiredService<Storage.ITraceStore>());
        services.TryAddSingleton<ISegmentIngest, SegmentIngestService>();
        services.TryAddSingleton<ITraceQueries>(static sp => new TraceQueryService(
            sp.GetRequiredService<Storage.ITraceReader>(),
            sp.GetService<ITraceFilterCompiler>()));
        return services;
    }
}
