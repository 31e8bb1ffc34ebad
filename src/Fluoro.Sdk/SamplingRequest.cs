namespace Fluoro.Sdk;

/// <summary>What a sampling rule can match on.</summary>
/// <param name="ServiceName">The segment name.</param>
/// <param name="ServiceType">The segment origin, if any.</param>
/// <param name="Host">The request's host, if known.</param>
/// <param name="HttpMethod">The request's method, if known.</param>
/// <param name="UrlPath">The request's path, if known.</param>
public readonly record struct SamplingRequest(string ServiceName, string? ServiceType, string? Host, string? HttpMethod, string? UrlPath);
