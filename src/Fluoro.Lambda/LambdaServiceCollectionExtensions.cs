using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Lambda;

/// <summary>Registers the Lambda service (control API, Runtime API, function processes).</summary>
public static class LambdaServiceCollectionExtensions
{
    /// <summary>Adds the Lambda services configured by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddFluoroLambda(this IServiceCollection services, Action<LambdaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new LambdaOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        return services;
    }
}
