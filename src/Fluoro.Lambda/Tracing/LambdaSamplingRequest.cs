namespace Fluoro.Lambda.Tracing;

/// <summary>What a sampling rule can match for an invocation without an upstream decision.</summary>
/// <param name="ServiceName">The function name (the name of Lambda's segments).</param>
/// <param name="ServiceType">Always <c>AWS::Lambda</c>.</param>
/// <param name="ResourceArn">The function ARN.</param>
/// <param name="Timestamp">When the invoke arrived.</param>
public sealed record LambdaSamplingRequest(string ServiceName, string ServiceType, string ResourceArn, DateTimeOffset Timestamp);
