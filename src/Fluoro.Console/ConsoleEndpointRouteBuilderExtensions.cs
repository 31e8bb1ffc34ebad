using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fluoro.Console;

/// <summary>Serves the web console at the root of the edge port.</summary>
public static class ConsoleEndpointRouteBuilderExtensions
{
    private static readonly string[] ReadMethods = ["GET", "HEAD"];

    /// <summary>
    /// Maps the console: <c>/</c> (and <c>/console</c>) answer the single page, <c>/console/{file}</c> its scripts,
    /// styles and icons. Client routes live after <c>#</c>, so no other server path is claimed and the AWS APIs
    /// on the same port keep every route they need.
    /// </summary>
    public static IEndpointRouteBuilder MapFluoroConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var assets = ConsoleAssets.Shared;

        endpoints.MapMethods("/", ReadMethods, (HttpContext context) => ConsoleFileResponder.WriteAsync(context, assets, "index.html"))
            .ExcludeFromDescription();
        endpoints.MapMethods("/index.html", ReadMethods, (HttpContext context) => ConsoleFileResponder.WriteAsync(context, assets, "index.html"))
            .ExcludeFromDescription();
        endpoints.MapMethods("/console", ReadMethods, (HttpContext context) => ConsoleFileResponder.WriteAsync(context, assets, "index.html"))
            .ExcludeFromDescription();
        endpoints.MapMethods("/console/{**path}", ReadMethods, (HttpContext context, string? path) =>
                ConsoleFileResponder.WriteAsync(context, assets, string.IsNullOrEmpty(path) ? "index.html" : "console/" + path))
            .ExcludeFromDescription();
        endpoints.MapMethods("/favicon.ico", ReadMethods, (HttpContext context) => ConsoleFileResponder.WriteAsync(context, assets, "console/favicon.svg"))
            .ExcludeFromDescription();
        return endpoints;
    }
}
