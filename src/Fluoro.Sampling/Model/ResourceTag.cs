namespace Fluoro.Sampling;

/// <summary>A tag on a sampling rule (<c>{"Key":…,"Value":…}</c>).</summary>
public sealed record ResourceTag
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}
