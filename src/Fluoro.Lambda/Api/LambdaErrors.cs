using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Lambda.Api;

/// <summary>AWS-shaped Lambda errors: status, <c>x-amzn-ErrorType</c>, and <c>{"Type","Message"}</c> plus <c>__type</c>.</summary>
internal static class LambdaErrors
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string message, Action<Utf8JsonWriter>? extra = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = code;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Type", status >= 500 ? "Service" : "User");
            w.WriteString("Message", message);
            w.WriteString("__type", code);
            extra?.Invoke(w);
            w.WriteEndObject();
        }

        await response.Body.WriteAsync(buffer.ToArray());
    }

    public static Task NotFound(HttpContext context, string message) => WriteAsync(context, 404, "ResourceNotFoundException", message);

    public static Task Invalid(HttpContext context, string message) => WriteAsync(context, 400, "InvalidParameterValueException", message);

    public static Task Conflict(HttpContext context, string message) => WriteAsync(context, 409, "ResourceConflictException", message);

    public static Task Precondition(HttpContext context) => WriteAsync(context, 412, "PreconditionFailedException",
        "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
}
