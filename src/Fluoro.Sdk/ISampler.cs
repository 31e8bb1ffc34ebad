namespace Fluoro.Sdk;

/// <summary>Makes the sampling decision for a request that arrives without one.</summary>
public interface ISampler
{
    /// <summary>True to record the request.</summary>
    bool ShouldSample(in SamplingRequest request);
}
