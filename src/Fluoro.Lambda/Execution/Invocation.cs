namespace Fluoro.Lambda.Execution;

/// <summary>One invocation handed to one instance through its Runtime API.</summary>
internal sealed class Invocation
{
    public required string RequestId { get; init; }
    public required byte[] Payload { get; init; }
    public required string InvokedFunctionArn { get; init; }
    public required long DeadlineUnixMs { get; init; }
    public string? RuntimeTraceHeader { get; init; }
    public string? ClientContext { get; init; }
    public string? CognitoIdentity { get; init; }
    public string ContentType { get; init; } = "application/json";
    public required InvocationLog Log { get; init; }

    public TaskCompletionSource<RuntimeOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when the runtime asks for the next event (or the instance dies): the end of Overhead.</summary>
    public TaskCompletionSource<DateTimeOffset> OverheadEnd { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTimeOffset ReleasedAt { get; set; }
    public DateTimeOffset RespondedAt { get; set; }
}
