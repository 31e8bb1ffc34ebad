namespace Fluoro.XRay;

/// <summary>Identifies a service node: name, every name seen, account and type (origin).</summary>
public sealed record ServiceId
{
    /// <summary>Canonical name.</summary>
    public string? Name { get; init; }

    /// <summary>Every name observed for this node.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary><c>aws.account_id</c> when known.</summary>
    public string? AccountId { get; init; }

    /// <summary>Node type, e.g. <c>AWS::Lambda::Function</c>; omitted for segments without <c>origin</c>.</summary>
    public string? Type { get; init; }
}
