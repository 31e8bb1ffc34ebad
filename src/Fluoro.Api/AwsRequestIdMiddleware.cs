using Microsoft.AspNetCore.Http;

namespace Fluoro.Api;

/// <summary>
/// Gives every response an <c>x-amzn-RequestId</c> (SDKs print it in errors and users quote it in bug reports) and
/// turns the framework's bare 404/405 answers into AWS-shaped <c>UnknownOperationException</c>s.
/// </summary>
public sealed class AwsRequestIdMiddleware
{
    private readonly RequestDelegate _next;

    /// <summary>Creates the middleware.</summary>
    public AwsRequestIdMiddleware(RequestDelegate next) => _next = next;

    /// <summary>Runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestId = Guid.NewGuid().ToString("D");
        context.TraceIdentifier = requestId;
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        await _next(context);

        if (!context.Response.HasStarted && context.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed
            && context.Response.ContentLength is null or 0)
        {
            await AwsErrorWriter.WriteAsync(
                context,
                StatusCodes.Status404NotFound,
                AwsErrorCodes.UnknownOperation,
                $"No operation at {context.Request.Method} {context.Request.Path}.");
        }
    }
}
