using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Api;

/// <summary>
/// Writes errors in the rest-json shape every AWS SDK parses: the code in <c>x-amzn-ErrorType</c> and in the body's
/// <c>__type</c>, the text in <c>message</c> (botocore and the JS SDK read either; the .NET SDK prefers the header).
/// </summary>
public static class AwsErrorWriter
{
    /// <summary>Writes an AWS-shaped error unless the response has already started.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string errorCode, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.Headers["x-amzn-ErrorType"] = errorCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Format(errorCode, message), context.RequestAborted);
    }

    /// <summary>The JSON body of an error.</summary>
    public static byte[] Format(string errorCode, string message)
    {
        using var buffer = new MemoryStream(64 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("__type"u8, errorCode);
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
