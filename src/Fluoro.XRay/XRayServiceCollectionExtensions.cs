using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fluoro.XRay;

/// <summary>Registers the X-Ray domain services (ingest, queries) over an <c>ITraceStore</c> registered by the composition root.</summary>
public static class XRayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ISegmentIngest"/> (<see cref="SegmentIngestService"/>), <see cref="ITraceQueries"/>
    /// (<see cref="TraceQueryService"/>), <see cref="IngestCounters"/> and <see cref="TimeProvider.System"/> unless a
    /// TimeProvider is already registered. Registers <see cref="FilterExpressionCompiler"/> as <see cref="ITraceFilterCompiler"/> unless one is registered (it uses an <c>IGroupFilterResolver</c> when one is). Requires <c>ITraceStore</c>.
    /// </summary>
    public static IServiceCollection AddFluoroXRay(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IngestCounters>();
        services.TryAddSingleton<Storage.ITraceWriter>(static sp => sp.GetRequiredService<Storage.ITraceStore>());
        services.TryAddSingleton<Storage.ITraceReader>(static sp => sp.GetRequiredService<Storage.ITraceStore>());
        services.TryAddSingleton<ISegmentIngest, SegmentIngestService>();
        services.TryAddSingleton<ITraceFilterCompiler>(static sp => new FilterExpressionCompiler(sp.GetService<FilterExpressions.IGroupFilterResolver>()));
        services.TryAddSingleton<ITraceQueries>(static sp => new TraceQueryService(
            sp.GetRequiredService<Storage.ITraceReader>(),
            sp.GetService<ITraceFilterCompiler>()));
        return services;
    }
}
