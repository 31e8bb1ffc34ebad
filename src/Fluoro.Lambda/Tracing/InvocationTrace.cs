using Fluoro.Tracing;

namespace Fluoro.Lambda.Tracing;

/// <summary>
/// The tracing decision for one invoke (spec lambda.md §6.2) and the ids allocated for it up front.
/// The root always exists, even when not sampled, so SDKs inside the function can propagate it.
/// </summary>
internal sealed class InvocationTrace
{
    private InvocationTrace(TraceId root, bool sampled, TraceHeader? upstream)
    {
        Root = root;
        Sampled = sampled;
        Upstream = upstream;
    }

    public TraceId Root { get; }

    public bool Sampled { get; }

    public TraceHeader? Upstream { get; }

    public SegmentId? UpstreamParent => Upstream?.Parent;

    /// <summary>The AWS::Lambda service segment.</summary>
    public SegmentId ServiceSegmentId { get; } = SegmentId.NewId();

    /// <summary>
    /// Upstream <c>Sampled=1</c>/<c>0</c> wins in either mode; otherwise Active asks the sampler and
    /// PassThrough does not trace. Lambda never forces a decision the caller did not make.
    /// </summary>
    public static InvocationTrace Decide(string? incomingHeader, bool active, Func<bool> sample, TimeProvider time)
    {
        TraceHeader? upstream = TraceHeader.TryParse(incomingHeader, out var parsed) ? parsed : null;
        var root = upstream?.Root ?? TraceId.NewId(time);
        var sampled = upstream?.Sampled switch
        {
            SamplingDecision.Sampled => true,
            SamplingDecision.NotSampled => false,
            _ => active && sample(),
        };
        return new InvocationTrace(root, sampled, upstream?.Root is null ? null : upstream);
    }

    /// <summary>The header the runtime gets: our Invocation subsegment as Parent, the decision, Lineage kept.</summary>
    public string RuntimeHeader(SegmentId invocationSubsegment) => new TraceHeader
    {
        Root = Root,
        Parent = invocationSubsegment,
        Sampled = Sampled ? SamplingDecision.Sampled : SamplingDecision.NotSampled,
        Lineage = Upstream?.Lineage,
        Additional = Upstream?.Additional ?? [],
    }.ToString();
}
