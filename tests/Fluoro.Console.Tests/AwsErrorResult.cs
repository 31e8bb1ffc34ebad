using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Console.Tests;

/// <summary>An AWS-shaped error as the real services send it: header code plus __type and message.</summary>
internal sealed class AwsErrorResult(int status, string code, string message) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers["x-amzn-ErrorType"] = code;
        httpContext.Response.ContentType = "application/json";
        var body = new JsonObject { ["__type"] = code, ["message"] = message };
        return httpContext.Response.WriteAsync(body.ToJsonString());
    }
}
