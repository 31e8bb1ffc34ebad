namespace Fluoro.XRay;

/// <summary>
/// A fault, error or response-time root cause. The three AWS shapes differ only in which entity members
/// are set, so one type serves all three (null members are omitted on the wire).
/// </summary>
public sealed record RootCause
{
    /// <summary>Chain of services from the entry point to the one owning the cause.</summary>
    public IReadOnlyList<RootCauseService> Services { get; init; } = [];

    /// <summary>True when the cause reached the client (the root segment shows it too).</summary>
    public bool? ClientImpacting { get; init; }
}
