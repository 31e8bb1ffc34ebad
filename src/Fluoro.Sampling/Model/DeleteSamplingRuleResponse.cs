namespace Fluoro.Sampling;

/// <summary>DeleteSamplingRule output: the rule that was deleted.</summary>
public sealed record DeleteSamplingRuleResponse
{
    public required SamplingRuleRecord SamplingRuleRecord { get; init; }
}
