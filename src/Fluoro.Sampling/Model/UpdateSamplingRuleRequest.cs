namespace Fluoro.Sampling;

/// <summary>UpdateSamplingRule input.</summary>
public sealed record UpdateSamplingRuleRequest
{
    public SamplingRuleUpdate? SamplingRuleUpdate { get; init; }
}
