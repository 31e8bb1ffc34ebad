using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fluoro.Sdk.AspNetCore;

/// <summary>One-line X-Ray tracing for hosted applications.</summary>
public static class FluoroTracingExtensions
{
    /// <summary>Starts a <see cref="FluoroTracer"/> with the host and stops (flushing) it when the host stops.</summary>
    public static IServiceCollection AddFluoroTracing(this IServiceCollection services, Action<FluoroTracingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new FluoroTracingOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        // ASP.NET Core extracts the incoming context with the propagator it finds in DI, not the static one.
        var propagator = System.Diagnostics.DistributedContextPropagator.Current as XRayPropagator
            ?? new XRayPropagator(System.Diagnostics.DistributedContextPropagator.Current);
        System.Diagnostics.DistributedContextPropagator.Current = propagator;
        services.AddSingleton<System.Diagnostics.DistributedContextPropagator>(propagator);
        services.AddHostedService<FluoroTracingHostedService>();
        return services;
    }

    /// <summary>Records each request as an X-Ray segment and returns <c>X-Amzn-Trace-Id</c>. Add it first in the pipeline.</summary>
    public static IApplicationBuilder UseFluoroTracing(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<XRayTracingMiddleware>();
    }
}
