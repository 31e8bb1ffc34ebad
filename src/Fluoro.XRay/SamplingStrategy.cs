namespace Fluoro.XRay;

/// <summary>GetTraceSummaries sampling: <c>PartialScan</c> or <c>FixedRate</c> with a fraction in [0, 1].</summary>
public sealed record SamplingStrategy
{
    /// <summary><c>PartialScan</c> or <c>FixedRate</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Fraction in [0, 1].</summary>
    public double? Value { get; init; }
}
