using Fluoro.Api.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fluoro.Api;

/// <summary>Maps the X-Ray rest-json API.</summary>
public static class XRayApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every X-Ray operation as <c>POST {path}</c>. Operations registered in the container as
    /// <see cref="XRayOperation"/> replace the built-in entry with the same path, so other parts can add or take
    /// over operations without touching this assembly.
    /// </summary>
    public static IEndpointRouteBuilder MapFluoroXRayApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var operations = new Dictionary<string, XRayOperation>(StringComparer.Ordinal);
        foreach (var operation in XRayOperationCatalog.All)
        {
            operations[operation.Path] = operation;
        }

        foreach (var operation in endpoints.ServiceProvider.GetServices<XRayOperation>())
        {
            operations[operation.Path] = operation;
        }

        foreach (var operation in operations.Values)
        {
            endpoints.MapPost(operation.Path, (HttpContext context) => XRayOperationDispatcher.HandleAsync(context, operation))
                .WithName("XRay." + operation.Name)
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    /// <summary>
    /// Maps only the two sampling operations, as the daemon's TCP port serves them to the X-Ray SDKs
    /// (plain HTTP, no signature).
    /// </summary>
    public static IEndpointRouteBuilder MapXRaySamplingApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        XRayOperation rules = new GetSamplingRulesOperation();
        XRayOperation targets = new GetSamplingTargetsOperation();
        endpoints.MapPost(rules.Path, (HttpContext context) => XRayOperationDispatcher.HandleAsync(context, rules)).ExcludeFromDescription();
        endpoints.MapPost(targets.Path, (HttpContext context) => XRayOperationDispatcher.HandleAsync(context, targets)).ExcludeFromDescription();
        return endpoints;
    }
}
