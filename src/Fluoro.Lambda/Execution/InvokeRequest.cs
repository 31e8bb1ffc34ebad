using Fluoro.Lambda.Storage;

namespace Fluoro.Lambda.Execution;

/// <summary>A resolved invoke: which version runs, as which ARN, with what payload and trace header.</summary>
internal sealed record InvokeRequest
{
    public required FunctionEntry Entry { get; init; }
    public required FunctionVersion Config { get; init; }
    public required string InvokedArn { get; init; }
    public required byte[] Payload { get; init; }
    public string? ClientContext { get; init; }
    public string? TraceHeader { get; init; }
    public string ContentType { get; init; } = "application/json";

    /// <summary>The caller reads the composed log (LogType Tail): the result waits until it is complete.</summary>
    public bool WaitForLog { get; init; }
}
