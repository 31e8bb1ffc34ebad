using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Fluoro.Sdk.AwsSdk;

/// <summary>Places <see cref="XRayPipelineHandler"/> in each client's pipeline, outside the retry handler.</summary>
internal sealed class XRayPipelineCustomizer : IRuntimePipelineCustomizer
{
    public string UniqueName => "Fluoro X-Ray tracing";

    public void Customize(Type type, RuntimePipeline pipeline)
    {
        // Outside the retry handler, so one subsegment covers every attempt of one call, as the X-Ray SDKs record it.
        if (typeof(AmazonServiceClient).IsAssignableFrom(type))
        {
            pipeline.AddHandlerBefore<RetryHandler>(new XRayPipelineHandler());
        }
    }
}
