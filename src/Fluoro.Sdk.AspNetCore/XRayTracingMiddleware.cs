using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Sdk.AspNetCore;

/// <summary>
/// Turns ASP.NET Core's request Activity into an X-Ray segment: records the HTTP request and response, marks faults
/// for 5xx and unhandled exceptions, and answers with <c>X-Amzn-Trace-Id</c> so callers learn the trace id and the
/// sampling decision (the <c>Sampled=?</c> contract).
/// </summary>
internal sealed class XRayTracingMiddleware
{
    private readonly RequestDelegate _next;

    public XRayTracingMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var activity = Activity.Current;
        if (activity is null)
        {
            await _next(context);
            return;
        }

        var request = context.Request;
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.full", $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}");
        if (request.Headers.UserAgent.ToString() is { Length: > 0 } agent)
        {
            activity.SetTag("user_agent.original", agent);
        }

        if (context.Connection.RemoteIpAddress is { } remote)
        {
            activity.SetTag("client.address", remote.ToString());
        }

        context.Response.OnStarting(static state =>
        {
            var (ctx, act) = ((HttpContext, Activity))state;
            ctx.Response.Headers[Tracing.TraceHeader.HeaderName] =
                $"Root={XRayIds.ToXRayTraceId(act.TraceId)};Sampled={(act.Recorded ? '1' : '0')}";
            return Task.CompletedTask;
        }, (context, activity));

        try
        {
            await _next(context);
        }
        catch (Exception e)
        {
            activity.SetTag("http.response.status_code", 500);
            XRay.AddException(e);
            throw;
        }

        activity.SetTag("http.response.status_code", context.Response.StatusCode);
    }
}
