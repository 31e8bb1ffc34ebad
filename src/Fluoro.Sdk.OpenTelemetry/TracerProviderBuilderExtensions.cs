using Fluoro.Sdk;
using Fluoro.Sdk.OpenTelemetry;
using OpenTelemetry.Context.Propagation;

// Extension methods live in OpenTelemetry's namespace so they appear next to AddOtlpExporter and friends.
namespace OpenTelemetry.Trace;

/// <summary>Adds X-Ray export to an OpenTelemetry tracer provider.</summary>
public static class FluoroTracerProviderBuilderExtensions
{
    /// <summary>
    /// Streams every recorded span to the X-Ray daemon, generates X-Ray-compatible trace ids, and propagates
    /// <c>X-Amzn-Trace-Id</c> beside W3C trace context.
    /// </summary>
    public static TracerProviderBuilder AddXRayExporter(this TracerProviderBuilder builder, Action<FluoroTracingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FluoroTracingOptions();
        configure?.Invoke(options);
        var timeProvider = options.TimeProvider;
        System.Diagnostics.Activity.TraceIdGenerator = () => XRayIds.NewActivityTraceId(timeProvider);
        Sdk.SetDefaultTextMapPropagator(new CompositeTextMapPropagator(
        [
            new TraceContextPropagator(),
            new BaggagePropagator(),
            new XRayTextMapPropagator(),
        ]));
        return builder.AddProcessor(new SimpleActivityExportProcessor(new XRayActivityExporter(options)));
    }
}
