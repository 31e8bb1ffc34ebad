using Fluoro.Lambda.Api;
using Fluoro.Lambda.Execution;
using Fluoro.Lambda.Storage;
using Fluoro.Lambda.Tracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Fluoro.Lambda;

/// <summary>Registers the Lambda service (control API, Runtime API, function processes).</summary>
public static class LambdaServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Lambda services configured by <paramref name="configure"/>. An <see cref="ILambdaSampler"/>
    /// registered before this call replaces the built-in default rule (1 per second, then 5 %).
    /// </summary>
    public static IServiceCollection AddFluoroLambda(this IServiceCollection services, Action<LambdaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new LambdaOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILambdaSampler, DefaultLambdaSampler>();
        services.AddSingleton<FunctionStore>();
        services.AddSingleton<SegmentEmitter>();
        services.AddSingleton<FunctionLogs>();
        services.AddSingleton<FunctionRuntime>();
        services.AddSingleton<EventQueue>();
        services.AddSingleton<LambdaApi>();
        services.AddSingleton<Events.EventRules>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Routing.MatcherPolicy, Events.AmzTargetMatcherPolicy>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<Events.EventRules>());
        services.AddSingleton<LambdaStatistics>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<FunctionRuntime>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<EventQueue>());
        return services;
    }
}
