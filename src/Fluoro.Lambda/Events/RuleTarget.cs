namespace Fluoro.Lambda.Events;

/// <summary>A rule target: a Lambda function ARN and an optional constant input.</summary>
internal sealed record RuleTarget(string Id, string Arn, string? Input);
