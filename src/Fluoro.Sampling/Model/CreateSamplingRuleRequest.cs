namespace Fluoro.Sampling;

/// <summary>CreateSamplingRule input.</summary>
public sealed record CreateSamplingRuleRequest
{
    public SamplingRule? SamplingRule { get; init; }

    public IReadOnlyList<ResourceTag>? Tags { get; init; }
}
