using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fluoro.Lambda.Events;

/// <summary>Maps the EventBridge awsJson 1.1 endpoint: <c>POST /</c> with <c>X-Amz-Target: AWSEvents.*</c>.</summary>
internal static class EventBridgeEndpoint
{
    public const string TargetPrefix = "AWSEvents.";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, RequestDelegate handler)
    {
        var builder = endpoints.MapPost("/", handler).WithMetadata(new AmzTargetPrefix(TargetPrefix));

        // When another handler also takes POST / (without a header condition), a request that names an
        // EventBridge operation is ours rather than an ambiguous match.
        builder.Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = -1);
        return builder;
    }
}
