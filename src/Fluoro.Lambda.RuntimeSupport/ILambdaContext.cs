namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>What a handler knows about its invocation and function (the shape of Lambda's ILambdaContext).</summary>
public interface ILambdaContext
{
    /// <summary>The request id, also the <c>x-amzn-RequestId</c> of a synchronous Invoke.</summary>
    string AwsRequestId { get; }

    /// <summary>Client context sent by a mobile SDK, as JSON text, or null.</summary>
    string? ClientContext { get; }

    /// <summary>Cognito identity, as JSON text, or null.</summary>
    string? Identity { get; }

    /// <summary>The function name.</summary>
    string FunctionName { get; }

    /// <summary>The version that runs (<c>$LATEST</c> or a number).</summary>
    string FunctionVersion { get; }

    /// <summary>The ARN the caller used, with its qualifier.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>The log group name.</summary>
    string LogGroupName { get; }

    /// <summary>The log stream name.</summary>
    string LogStreamName { get; }

    /// <summary>Configured memory in MB.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>Time left before the invocation times out.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The X-Ray header of this invocation (also in <c>_X_AMZN_TRACE_ID</c>), or empty.</summary>
    string TraceId { get; }

    /// <summary>Writes to the function log.</summary>
    ILambdaLogger Logger { get; }
}
