namespace Fluoro.Lambda.Execution;

/// <summary>The log of one finished invocation.</summary>
internal sealed record LogRecord(DateTimeOffset Time, string RequestId, string Text);
