using Fluoro.FilterExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fluoro.XRay;

/// <summary>Registers the X-Ray control plane beside the trace services: service graph, groups, account settings, telemetry, retrieval.</summary>
public static class XRayControlPlaneServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IServiceGraphQueries"/>, <see cref="GroupService"/> (also as <see cref="IGroupFilterResolver"/>),
    /// <see cref="XRayAccountSettings"/>, <see cref="TelemetryRecordLog"/> and <see cref="TraceRetrievalService"/>.
    /// With a <paramref name="dataDirectory"/>, groups and settings persist there; without, they live in memory.
    /// Call before <see cref="XRayServiceCollectionExtensions.AddFluoroXRay"/> so that group filters resolve.
    /// </summary>
    public static IServiceCollection AddFluoroXRayControlPlane(
        this IServiceCollection services, string? dataDirectory, string region = "us-east-1", string accountId = "000000000000")
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new GroupService(new GroupServiceOptions
        {
            FilePath = dataDirectory is null ? null : Path.Combine(dataDirectory, "xray-groups.json"),
            Region = region,
            AccountId = accountId,
        }));
        services.TryAddSingleton<IGroupFilterResolver>(static sp => sp.GetRequiredService<GroupService>());
        services.TryAddSingleton(static sp => new XRayAccountSettings(
            sp.GetService<XRayDataDirectory>()?.Path is { } path ? Path.Combine(path, "xray-settings.json") : null,
            sp.GetRequiredService<TimeProvider>()));
        if (dataDirectory is not null)
        {
            services.TryAddSingleton(new XRayDataDirectory(dataDirectory));
        }

        services.TryAddSingleton<TelemetryRecordLog>();
        services.TryAddSingleton(static sp => new TraceRetrievalService(
            sp.GetRequiredService<Storage.ITraceReader>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IServiceGraphQueries>(static sp => new ServiceGraphService(
            sp.GetRequiredService<Storage.ITraceReader>(), sp.GetService<ITraceFilterCompiler>(), sp.GetService<IGroupFilterResolver>()));
        return services;
    }
}
