namespace DotnetHello;

/// <summary>The event: who to greet, and optionally a failure or a delay to try Lambda's behaviour.</summary>
public sealed record GreetingRequest(string? Name, bool Fail = false, int SleepMs = 0);
