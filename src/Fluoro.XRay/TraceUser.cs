namespace Fluoro.XRay;

/// <summary>A user recorded in a trace and the services that recorded it.</summary>
public sealed record TraceUser
{
    /// <summary>The <c>user</c> value.</summary>
    public string? UserName { get; init; }

    /// <summary>Services that recorded the user.</summary>
    public IReadOnlyList<ServiceId> ServiceIds { get; init; } = [];
}
