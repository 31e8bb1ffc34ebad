namespace Fluoro.Sampling;

/// <summary>A sampling decision and the rule that made it (null for the local fallback rule).</summary>
public readonly record struct SamplerDecision(bool Sampled, string? RuleName, SamplerReason Reason);
