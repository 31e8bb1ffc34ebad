using Microsoft.AspNetCore.Builder;

namespace Fluoro.Api;

/// <summary>Pipeline pieces every AWS-compatible port needs.</summary>
public static class XRayApiApplicationBuilderExtensions
{
    /// <summary>Adds <c>x-amzn-RequestId</c> to every response and AWS-shaped 404s for unknown routes. Put it first.</summary>
    public static IApplicationBuilder UseAwsRequestIds(this IApplicationBuilder app) => app.UseMiddleware<AwsRequestIdMiddleware>();
}
