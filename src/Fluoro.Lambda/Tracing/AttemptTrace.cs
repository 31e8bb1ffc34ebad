using Fluoro.Tracing;

namespace Fluoro.Lambda.Tracing;

/// <summary>Ids of the AWS::Lambda::Function segment and its platform subsegments for one attempt.</summary>
internal sealed class AttemptTrace
{
    public SegmentId FunctionSegmentId { get; } = SegmentId.NewId();
    public SegmentId InitializationId { get; } = SegmentId.NewId();
    public SegmentId InvocationId { get; } = SegmentId.NewId();
    public SegmentId OverheadId { get; } = SegmentId.NewId();

    /// <summary>For Event attempts, the <c>Attempt #n</c> subsegment of the service segment (the function segment's parent).</summary>
    public SegmentId AttemptSubsegmentId { get; } = SegmentId.NewId();
}
