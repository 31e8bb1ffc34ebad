namespace Fluoro.XRay;

/// <summary>A (sub)segment on a root-cause path. <see cref="Exceptions"/> for fault/error causes, <see cref="Coverage"/> for response time.</summary>
public sealed record RootCauseEntity
{
    /// <summary>Entity name.</summary>
    public string? Name { get; init; }

    /// <summary>Exceptions recorded on the entity (fault and error causes only).</summary>
    public IReadOnlyList<RootCauseException>? Exceptions { get; init; }

    /// <summary>Share of the root response time the entity covers (response-time causes only).</summary>
    public double? Coverage { get; init; }

    /// <summary>True when the entity is a call to a downstream service.</summary>
    public bool? Remote { get; init; }
}
