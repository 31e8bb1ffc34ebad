namespace Fluoro.Lambda.Execution;

/// <summary>What one attempt produced: the outcome, the request id, and the composed log.</summary>
internal sealed record InvokeResult(string RequestId, RuntimeOutcome? Outcome, string Log, bool Throttled = false);
