using System.Diagnostics;
using Fluoro.Tracing;
using OpenTelemetry.Context.Propagation;

namespace Fluoro.Sdk.OpenTelemetry;

/// <summary>OpenTelemetry propagation in <c>X-Amzn-Trace-Id</c> (Root, Parent, Sampled; other fields are not carried).</summary>
public sealed class XRayTextMapPropagator : TextMapPropagator
{
    /// <inheritdoc/>
    public override ISet<string> Fields { get; } = new HashSet<string> { TraceHeader.HeaderName };

    /// <inheritdoc/>
    public override void Inject<T>(PropagationContext context, T carrier, Action<T, string, string> setter)
    {
        ArgumentNullException.ThrowIfNull(setter);
        if (context.ActivityContext.TraceId == default || context.ActivityContext.SpanId == default)
        {
            return;
        }

        var sampled = (context.ActivityContext.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? '1' : '0';
        setter(carrier, TraceHeader.HeaderName,
            $"Root={XRayIds.ToXRayTraceId(context.ActivityContext.TraceId)};Parent={context.ActivityContext.SpanId.ToHexString()};Sampled={sampled}");
    }

    /// <inheritdoc/>
    public override PropagationContext Extract<T>(PropagationContext context, T carrier, Func<T, string, IEnumerable<string>?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        if (context.ActivityContext.TraceId != default && context.ActivityContext.SpanId != default)
        {
            return context;
        }

        var value = getter(carrier, TraceHeader.HeaderName)?.FirstOrDefault();
        if (!TraceHeader.TryParse(value, out var header) || header.Root is not { } root || header.Parent is not { } parent)
        {
            return context;
        }

        var flags = header.Sampled == SamplingDecision.Sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
        return new PropagationContext(
            new ActivityContext(XRayIds.ToActivityTraceId(root), XRayIds.ToActivitySpanId(parent), flags, isRemote: true),
            context.Baggage);
    }
}
