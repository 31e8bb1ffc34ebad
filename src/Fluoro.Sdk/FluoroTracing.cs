using System.Diagnostics;

namespace Fluoro.Sdk;

/// <summary>Starts X-Ray tracing for a process in one line: <c>using var tracer = FluoroTracing.Start();</c>.</summary>
public static class FluoroTracing
{
    /// <summary>
    /// Starts a tracer: W3C Activity ids with X-Ray's epoch-prefixed trace ids, <c>X-Amzn-Trace-Id</c> propagation
    /// for HttpClient and ASP.NET Core, and a UDP exporter to the daemon.
    /// </summary>
    public static FluoroTracer Start(FluoroTracingOptions? options = null)
    {
        options ??= new FluoroTracingOptions();
        var timeProvider = options.TimeProvider;
        Activity.DefaultIdFormat = ActivityIdFormat.W3C;
        Activity.ForceDefaultIdFormat = true;
        Activity.TraceIdGenerator = () => XRayIds.NewActivityTraceId(timeProvider);
        if (DistributedContextPropagator.Current is not XRayPropagator)
        {
            DistributedContextPropagator.Current = new XRayPropagator(DistributedContextPropagator.Current);
        }

        return new FluoroTracer(options);
    }
}
