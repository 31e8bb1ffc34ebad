using System.Diagnostics;
using Fluoro.Tracing;

namespace Fluoro.Sdk;

/// <summary>
/// Propagates context in <c>X-Amzn-Trace-Id</c> through .NET's own propagation points (HttpClient injects with it,
/// ASP.NET Core extracts with it). Outgoing requests also keep W3C <c>traceparent</c> from the inner propagator, so
/// OpenTelemetry peers continue the same trace. An incoming <c>X-Amzn-Trace-Id</c> wins over <c>traceparent</c>.
/// </summary>
public sealed class XRayPropagator : DistributedContextPropagator
{
    /// <summary>Trace-state marker for "the upstream made no sampling decision": the local sampler decides.</summary>
    internal const string UndecidedTraceState = "fluoro=undecided";

    private readonly DistributedContextPropagator _inner;

    /// <summary>Wraps the W3C propagator (or <paramref name="inner"/>).</summary>
    public XRayPropagator(DistributedContextPropagator? inner = null)
        => _inner = inner ?? CreateW3CPropagator();

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Fields { get; } = [TraceHeader.HeaderName, "traceparent", "tracestate"];

    /// <inheritdoc/>
    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
    {
        if (activity is null || setter is null)
        {
            return;
        }

        setter(carrier, TraceHeader.HeaderName, XRayIds.ToTraceHeader(activity));
        _inner.Inject(activity, carrier, setter);
    }

    /// <inheritdoc/>
    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        if (getter is not null)
        {
            getter(carrier, TraceHeader.HeaderName, out var value, out _);
            if (TraceHeader.TryParse(value, out var header) && header.Root is { } root)
            {
                // W3C needs a parent span; a header without Parent starts a new branch under a synthetic parent.
                var parent = header.Parent ?? SegmentId.NewId();
                var flags = header.Sampled == SamplingDecision.Sampled ? "01" : "00";
                traceId = $"00-{root.ToW3CString()}-{parent}-{flags}";
                traceState = header.Sampled is SamplingDecision.Unknown or SamplingDecision.Requested ? UndecidedTraceState : null;
                return;
            }
        }

        _inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
    }

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter)
        => _inner.ExtractBaggage(carrier, getter);
}
