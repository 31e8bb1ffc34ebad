namespace Fluoro.XRay;

/// <summary>An exception on a root-cause entity: its type and message.</summary>
public sealed record RootCauseException
{
    /// <summary>Exception type.</summary>
    public string? Name { get; init; }

    /// <summary>Exception message.</summary>
    public string? Message { get; init; }
}
