using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Api.Auth;

/// <summary>
/// The console's sign-in routes: <c>GET /login?t=TOKEN</c> (the URL printed at start-up), <c>POST /login</c> (a form
/// with field <c>t</c>, from the console's login page), <c>POST /logout</c> and <c>GET /_fluoro/console-session</c>
/// (what the console asks before it calls any API). None of them reads or changes data.
/// </summary>
public static class ConsoleLoginEndpoints
{
    /// <summary>Maps the routes; with <paramref name="sessions"/> null (no --auth-keys) there is nothing to sign in to.</summary>
    public static IEndpointRouteBuilder MapFluoroConsoleLogin(this IEndpointRouteBuilder endpoints, ConsoleSessions? sessions)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Fluoro.Api.Auth");

        endpoints.MapGet("/login", (HttpContext context) =>
        {
            if (sessions is null)
            {
                return Results.Redirect("/");
            }

            var token = context.Request.Query["t"].ToString();
            return token.Length == 0 ? Results.Redirect("/#/login") : SignIn(context, sessions, token, logger);
        }).ExcludeFromDescription();

        endpoints.MapPost("/login", async (HttpContext context) =>
        {
            if (sessions is null)
            {
                return Results.Redirect("/", permanent: false, preserveMethod: false);
            }

            if (!context.Request.HasFormContentType)
            {
                return Results.Redirect("/#/login?error=invalid");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return SignIn(context, sessions, form["t"].ToString().Trim(), logger);
        }).ExcludeFromDescription();

        endpoints.MapPost("/logout", (HttpContext context) =>
        {
            if (sessions is null)
            {
                return Results.NoContent();
            }

            // Only the console's own script can sign out; a cross-site form cannot send the header.
            if (context.Request.Headers[ConsoleSessions.HeaderName] != "1")
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            sessions.SignOut(context.Response);
            return Results.NoContent();
        }).ExcludeFromDescription();

        endpoints.MapGet("/_fluoro/console-session", (HttpContext context) =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new ConsoleSessionState(sessions is not null, sessions is null || sessions.HasSession(context.Request)),
                ConsoleSessionJsonContext.Default.ConsoleSessionState);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(body, "application/json");
        }).ExcludeFromDescription();

        return endpoints;
    }

    private static IResult SignIn(HttpContext context, ConsoleSessions sessions, string token, ILogger logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!sessions.IsValidToken(token))
        {
            Log.ConsoleLoginRejected(logger, context.Connection.RemoteIpAddress);
            return Results.Redirect("/#/login?error=invalid");
        }

        sessions.SignIn(context.Response);
        Log.ConsoleLoginAccepted(logger, context.Connection.RemoteIpAddress);

        // 303 so a POSTed form becomes a GET of the console, and the token leaves the address bar.
        context.Response.Headers.Location = "/";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
