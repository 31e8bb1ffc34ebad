using Amazon.Runtime.Internal;

namespace Fluoro.Sdk.AwsSdk;

/// <summary>
/// Turns every call made by an AWS SDK for .NET client into an <c>aws</c> subsegment of the current segment. Call
/// <see cref="Register"/> once at start-up, before the first client is created.
/// </summary>
public static class AwsSdkTracing
{
    /// <summary>Name of the <see cref="System.Diagnostics.ActivitySource"/> the subsegments come from.</summary>
    public const string ActivitySourceName = "Fluoro.Sdk.AwsSdk";

    private static int s_registered;

    /// <summary>Adds Fluoro's handler to the pipeline of every AWS service client created from now on. Idempotent.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            RuntimePipelineCustomizerRegistry.Instance.Register(new XRayPipelineCustomizer());
        }
    }
}
