using System.Globalization;

namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>The context of one invocation, built from the Runtime API headers and the environment.</summary>
internal sealed class LambdaContext(InvocationRequest request, TimeProvider time) : ILambdaContext
{
    public string AwsRequestId => request.RequestId;
    public string? ClientContext => request.ClientContext;
    public string? Identity => request.CognitoIdentity;
    public string FunctionName { get; } = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "";
    public string FunctionVersion { get; } = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST";
    public string InvokedFunctionArn => request.InvokedFunctionArn;
    public string LogGroupName { get; } = Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME") ?? "";
    public string LogStreamName { get; } = Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME") ?? "";

    public int MemoryLimitInMB { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) ? mb : 128;

    public TimeSpan RemainingTime
    {
        get
        {
            var left = DateTimeOffset.FromUnixTimeMilliseconds(request.DeadlineUnixMs) - time.GetUtcNow();
            return left < TimeSpan.Zero ? TimeSpan.Zero : left;
        }
    }

    public string TraceId => request.TraceId ?? "";

    public ILambdaLogger Logger => ConsoleLambdaLogger.Instance;
}
