namespace Fluoro.Tracing;

/// <summary>The <c>Sampled</c> field of an <c>X-Amzn-Trace-Id</c> header.</summary>
public enum SamplingDecision
{
    /// <summary>No <c>Sampled</c> field: the receiver decides.</summary>
    Unknown = 0,

    /// <summary><c>Sampled=1</c>.</summary>
    Sampled,

    /// <summary><c>Sampled=0</c>.</summary>
    NotSampled,

    /// <summary><c>Sampled=?</c>: the receiver decides and returns the decision in the response header.</summary>
    Requested,
}
