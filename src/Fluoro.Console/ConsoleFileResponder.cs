using Microsoft.AspNetCore.Http;

namespace Fluoro.Console;

/// <summary>Writes one embedded file with caching and hardening headers.</summary>
internal static class ConsoleFileResponder
{
    // The page only talks to its own origin; inline styles are allowed because SVG geometry is set per element.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static Task WriteAsync(HttpContext context, ConsoleAssets assets, string path)
    {
        var response = context.Response;
        if (!assets.TryGet(path, out var asset))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync("Not found");
        }

        var headers = response.Headers;
        headers.ETag = asset.ETag;
        // Revalidate every time: files are tiny and a stale script after an upgrade is worse than one round trip.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
        }

        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}
