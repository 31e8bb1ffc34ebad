using Fluoro.Lambda.RuntimeSupport;

namespace DotnetHello;

/// <summary>Handler <c>DotnetHello::DotnetHello.Function::Handler</c>.</summary>
public sealed class Function
{
    private readonly DateTimeOffset _initialisedAt = DateTimeOffset.UtcNow;

    /// <summary>Greets, fails or sleeps as the event asks.</summary>
    public async Task<GreetingResponse> Handler(GreetingRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        context.Logger.LogLine($"greeting {request.Name} (instance started {_initialisedAt:O})");
        if (request.SleepMs > 0)
        {
            await Task.Delay(request.SleepMs);
        }

        if (request.Fail)
        {
            throw new InvalidOperationException($"asked to fail for {request.Name}");
        }

        return new GreetingResponse(
            $"Hello, {request.Name ?? "world"}!",
            context.AwsRequestId,
            context.FunctionName,
            Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"),
            context.RemainingTime.TotalMilliseconds);
    }
}
