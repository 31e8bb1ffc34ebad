namespace Fluoro.Api.Sampling;

/// <summary>
/// The source of sampling rules and targets behind <c>/GetSamplingRules</c> and <c>/SamplingTargets</c>, on both
/// the edge port and the daemon's TCP port. Works on JSON bytes so that any rules engine can sit behind it with a
/// thin adapter. Client errors are thrown as <see cref="Fluoro.XRay.XRayRequestException"/>.
/// </summary>
public interface ISamplingApi
{
    /// <summary>Answers GetSamplingRules (request <c>{}</c> or <c>{"NextToken":…}</c>) with every rule in one page.</summary>
    ValueTask<byte[]> GetSamplingRulesAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default);

    /// <summary>Answers GetSamplingTargets with one target per reported rule.</summary>
    ValueTask<byte[]> GetSamplingTargetsAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default);
}
