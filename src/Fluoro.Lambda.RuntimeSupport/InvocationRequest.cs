namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>One event from <c>/runtime/invocation/next</c>.</summary>
public sealed record InvocationRequest
{
    /// <summary>Lambda-Runtime-Aws-Request-Id.</summary>
    public required string RequestId { get; init; }

    /// <summary>Lambda-Runtime-Deadline-Ms.</summary>
    public long DeadlineUnixMs { get; init; }

    /// <summary>Lambda-Runtime-Invoked-Function-Arn.</summary>
    public string InvokedFunctionArn { get; init; } = "";

    /// <summary>Lambda-Runtime-Trace-Id.</summary>
    public string? TraceId { get; init; }

    /// <summary>Lambda-Runtime-Client-Context.</summary>
    public string? ClientContext { get; init; }

    /// <summary>Lambda-Runtime-Cognito-Identity.</summary>
    public string? CognitoIdentity { get; init; }

    /// <summary>The event payload.</summary>
    public required byte[] Payload { get; init; }
}
