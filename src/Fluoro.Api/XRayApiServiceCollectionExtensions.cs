using Fluoro.Api.Sampling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fluoro.Api;

/// <summary>Registers what the X-Ray API endpoints need beyond the domain services.</summary>
public static class XRayApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ApiCounters"/> and, unless another sampling source is registered first, the built-in
    /// <see cref="DefaultSamplingApi"/> that serves the AWS Default rule.
    /// </summary>
    public static IServiceCollection AddFluoroXRayApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiCounters>();
        services.TryAddSingleton<ISamplingApi>(sp => new DefaultSamplingApi(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
