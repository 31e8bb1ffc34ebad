namespace Fluoro.Lambda.Events;

/// <summary>
/// Endpoint metadata: the endpoint only matches requests whose <c>X-Amz-Target</c> header starts with
/// <paramref name="Value"/> (awsJson services all share <c>POST /</c>). Enforced by <see cref="AmzTargetMatcherPolicy"/>.
/// </summary>
internal sealed record AmzTargetPrefix(string Value);
