using Fluoro.Tracing;

namespace Fluoro.Lambda.Tracing;

/// <summary>Everything needed to write one AWS::Lambda::Function segment.</summary>
internal sealed record FunctionSegmentData
{
    public required SegmentId Id { get; init; }
    public required SegmentId ParentId { get; init; }
    public required string FunctionName { get; init; }
    public required string FunctionArn { get; init; }
    public required string AccountId { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required IReadOnlyList<PlatformSpan> Subsegments { get; init; }
    public bool Fault { get; init; }
    public bool Error { get; init; }
    public string? CauseJson { get; init; }
    public string? CauseMessage { get; init; }
    public string? CauseType { get; init; }
}
