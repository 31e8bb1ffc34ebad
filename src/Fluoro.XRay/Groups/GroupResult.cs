namespace Fluoro.XRay;

/// <summary>Response of CreateGroup, GetGroup and UpdateGroup.</summary>
public sealed record GroupResult
{
    /// <summary>The group.</summary>
    public XRayGroup? Group { get; init; }
}
