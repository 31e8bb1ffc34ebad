namespace Fluoro.Sampling;

/// <summary>What a sampling rule is matched against; absent attributes match any rule value.</summary>
/// <param name="ServiceName">The segment name.</param>
/// <param name="ServiceType">The segment origin, e.g. <c>AWS::Lambda::Function</c>.</param>
/// <param name="Host">The request's Host header.</param>
/// <param name="HttpMethod">The request method.</param>
/// <param name="UrlPath">The request path.</param>
public readonly record struct SamplingRequest(
    string? ServiceName,
    string? ServiceType = null,
    string? Host = null,
    string? HttpMethod = null,
    string? UrlPath = null);
