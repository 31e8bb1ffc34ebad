using System.Text.Json;
using Fluoro.XRay;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Api.Operations;

/// <summary>Runs one operation for one HTTP request and maps every outcome onto the AWS rest-json wire shape.</summary>
internal static class XRayOperationDispatcher
{
    private static readonly byte[] s_emptyObject = "{}"u8.ToArray();

    public static async Task HandleAsync(HttpContext context, XRayOperation operation)
    {
        var counters = context.RequestServices.GetService<ApiCounters>();
        var body = await RequestBodyReader.ReadAsync(context.Request, operation.MaxRequestBytes, context.RequestAborted);
        if (body is null)
        {
            counters?.AddClientError();
            await AwsErrorWriter.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                AwsErrorCodes.RequestEntityTooLarge,
                $"The request body exceeds the {operation.MaxRequestBytes} bytes {operation.Name} accepts.");
            return;
        }

        // Some SDKs send no body at all for operations without required members (the .NET sampler does).
        ReadOnlyMemory<byte> input = IsBlank(body) ? s_emptyObject : body;
        byte[] output;
        try
        {
            output = await operation.ExecuteAsync(input, context.RequestServices, context.RequestAborted);
        }
        catch (XRayRequestException ex)
        {
            counters?.AddClientError();
            await AwsErrorWriter.WriteAsync(context, ex.StatusCode, ex.ErrorCode, ex.Message);
            return;
        }
        catch (JsonException ex)
        {
            counters?.AddClientError();
            await AwsErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, AwsErrorCodes.InvalidRequest, "The request body is not valid JSON: " + ex.Message);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            counters?.AddServerError();
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Fluoro.Api");
            Log.OperationFailed(logger, operation.Name, context.TraceIdentifier, ex);

            // Never leak internals: the request id is enough to find the logged stack trace.
            await AwsErrorWriter.WriteAsync(
                context,
                StatusCodes.Status500InternalServerError,
                AwsErrorCodes.InternalFailure,
                $"The server failed to process {operation.Name}. Request id: {context.TraceIdentifier}.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = output.Length;
        await context.Response.Body.WriteAsync(output, context.RequestAborted);
    }

    private static bool IsBlank(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
