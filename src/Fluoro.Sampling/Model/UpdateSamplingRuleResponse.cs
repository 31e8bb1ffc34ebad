namespace Fluoro.Sampling;

/// <summary>UpdateSamplingRule output: the rule after the change.</summary>
public sealed record UpdateSamplingRuleResponse
{
    public required SamplingRuleRecord SamplingRuleRecord { get; init; }
}
