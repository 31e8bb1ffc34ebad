namespace Fluoro.Sampling;

/// <summary>
/// One rule of an SDK local sampling-rules file: a request matching <see cref="Host"/>, <see cref="HttpMethod"/> and
/// <see cref="UrlPath"/> (wildcards allowed) is sampled <see cref="FixedTarget"/> times per second, then at
/// <see cref="Rate"/>.
/// </summary>
public sealed record LocalSamplingRule(string Host, string HttpMethod, string UrlPath, int FixedTarget, double Rate, string? Description = null);
