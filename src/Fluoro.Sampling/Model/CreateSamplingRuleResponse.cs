namespace Fluoro.Sampling;

/// <summary>CreateSamplingRule output.</summary>
public sealed record CreateSamplingRuleResponse
{
    public required SamplingRuleRecord SamplingRuleRecord { get; init; }
}
