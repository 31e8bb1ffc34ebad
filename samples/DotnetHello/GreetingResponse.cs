namespace DotnetHello;

/// <summary>The result, with what the function saw of its invocation.</summary>
public sealed record GreetingResponse(string Greeting, string RequestId, string FunctionName, string? TraceHeader, double RemainingMs);
