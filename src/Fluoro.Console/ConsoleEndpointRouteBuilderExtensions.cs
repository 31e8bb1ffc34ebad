using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Fluoro.Console;

/// <summary>Serves the web console at the root of the edge port.</summary>
public static class ConsoleEndpointRouteBuilderExtensions
{
    /// <summary>Maps the console's pages and assets.</summary>
    public static IEndpointRouteBuilder MapFluoroConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
