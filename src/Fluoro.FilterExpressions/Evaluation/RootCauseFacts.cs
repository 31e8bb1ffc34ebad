namespace Fluoro.FilterExpressions;

/// <summary>One fault, error or response-time root cause, shaped like the trace-summary member of the same name.</summary>
public sealed record RootCauseFacts
{
    /// <summary>Services from the trace entry down to the one owning the root-cause entity.</summary>
    public IReadOnlyList<RootCauseServiceFacts> Services { get; init; } = [];

    public bool ClientImpacting { get; init; }
}
