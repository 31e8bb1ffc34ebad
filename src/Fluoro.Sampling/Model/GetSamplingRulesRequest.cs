namespace Fluoro.Sampling;

/// <summary>GetSamplingRules input; SDKs send <c>{}</c>, an empty body or <c>{"NextToken":null}</c>.</summary>
public sealed record GetSamplingRulesRequest
{
    public string? NextToken { get; init; }
}
