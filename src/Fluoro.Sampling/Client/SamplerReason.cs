namespace Fluoro.Sampling;

/// <summary>Why a <see cref="Sampler"/> decided as it did.</summary>
public enum SamplerReason
{
    /// <summary>Not sampled: the reservoir was used up and the fixed-rate draw failed.</summary>
    NotSampled,

    /// <summary>Taken from the per-second reservoir (a server-assigned quota, or the local rule's fixed target).</summary>
    Reservoir,

    /// <summary>Borrowed: the rule has a reservoir but no valid quota yet; one request per second.</summary>
    Borrowed,

    /// <summary>Won the fixed-rate draw.</summary>
    FixedRate,
}
