using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>
/// The invocation loop: poll <c>/next</c>, set <c>_X_AMZN_TRACE_ID</c>, run the handler, post the response
/// or the error. Use it from a <c>provided</c> function's own <c>Main</c>, or let Fluoro's dotnet runtime
/// call it with a handler named <c>Assembly::Namespace.Type::Method</c>.
/// </summary>
public static class LambdaBootstrap
{
    /// <summary>Runs a raw handler (payload bytes in, response bytes out) until the Runtime API goes away.</summary>
    public static async Task RunAsync(Func<InvocationRequest, ILambdaContext, Task<byte[]>> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var client = new RuntimeApiClient();
        await RunAsync(client, handler, cancellationToken);
    }

    /// <summary>Runs a typed handler with source-generated JSON for input and output.</summary>
    public static Task RunAsync<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler,
        JsonTypeInfo<TInput> input, JsonTypeInfo<TOutput> output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync(async (request, context) =>
        {
            var value = JsonSerializer.Deserialize(request.Payload, input)!;
            var result = await handler(value, context);
            return JsonSerializer.SerializeToUtf8Bytes(result, output);
        }, cancellationToken);
    }

    internal static async Task RunAsync(RuntimeApiClient client, Func<InvocationRequest, ILambdaContext, Task<byte[]>> handler, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            InvocationRequest request;
            try
            {
                request = await client.NextAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
                // The Runtime API is gone: the environment is being shut down.
                return;
            }

            // Single-concurrency environment: the process-wide variable is what the X-Ray and AWS SDKs read.
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", string.IsNullOrEmpty(request.TraceId) ? null : request.TraceId);
            var context = new LambdaContext(request, TimeProvider.System);
            byte[] response;
            try
            {
                response = await handler(request, context);
            }
            catch (Exception ex)
            {
                var error = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
                await Console.Error.WriteLineAsync($"{DateTime.UtcNow:O}\t{request.RequestId}\tERROR\t{error}");
                await client.SendErrorAsync(request.RequestId, error, cancellationToken);
                continue;
            }

            await client.SendResponseAsync(request.RequestId, response, cancellationToken);
        }
    }
}
