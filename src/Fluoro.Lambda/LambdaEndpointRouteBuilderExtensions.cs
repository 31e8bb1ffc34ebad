using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Fluoro.Lambda;

/// <summary>Maps the Lambda API (and EventBridge subset, function URLs) onto the edge port.</summary>
public static class LambdaEndpointRouteBuilderExtensions
{
    /// <summary>Maps every Lambda route.</summary>
    public static IEndpointRouteBuilder MapFluoroLambda(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
