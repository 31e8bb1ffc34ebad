namespace Fluoro.XRay;

/// <summary>A service on a root-cause path.</summary>
public sealed record RootCauseService
{
    /// <summary>Service name.</summary>
    public string? Name { get; init; }

    /// <summary>Every name of the service.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Service type.</summary>
    public string? Type { get; init; }

    /// <summary>Account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>Entities from the service's segment down to the cause.</summary>
    public IReadOnlyList<RootCauseEntity> EntityPath { get; init; } = [];

    /// <summary>True for an inferred service.</summary>
    public bool? Inferred { get; init; }
}
