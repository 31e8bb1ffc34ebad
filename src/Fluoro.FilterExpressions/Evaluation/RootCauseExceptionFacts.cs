namespace Fluoro.FilterExpressions;

/// <summary>An exception recorded on a root-cause entity.</summary>
public sealed record RootCauseExceptionFacts
{
    public string? Name { get; init; }

    public string? Message { get; init; }
}
