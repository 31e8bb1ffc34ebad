namespace Fluoro.Lambda.Execution;

/// <summary>The result of one invocation: the body the invoker gets, and what tracing needs to know.</summary>
internal sealed record RuntimeOutcome(OutcomeKind Kind, byte[] Body, string? ErrorType = null, string? XRayCause = null)
{
    public bool IsError => Kind != OutcomeKind.Success;

    /// <summary>Builds a Lambda-shaped platform error body (<c>{"errorType","errorMessage"}</c>).</summary>
    public static RuntimeOutcome Platform(OutcomeKind kind, string errorType, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", errorType);
            writer.WriteString("errorMessage", message);
            writer.WriteEndObject();
        }

        return new RuntimeOutcome(kind, buffer.ToArray(), errorType);
    }
}
