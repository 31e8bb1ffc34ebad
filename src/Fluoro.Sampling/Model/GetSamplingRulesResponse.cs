namespace Fluoro.Sampling;

/// <summary>GetSamplingRules output: every rule in one page (SDK samplers ignore NextToken).</summary>
public sealed record GetSamplingRulesResponse
{
    public required IReadOnlyList<SamplingRuleRecord> SamplingRuleRecords { get; init; }

    public string? NextToken { get; init; }
}
