using Fluoro.Tracing;

namespace Fluoro.Sdk;

/// <summary>
/// The trace header of the Lambda invocation running on this async flow. A runtime client sets it for each
/// invocation (so concurrent invocations never see each other's header); without it the SDK falls back to
/// <c>_X_AMZN_TRACE_ID</c>, which single-concurrency runtime clients set per invocation.
/// </summary>
public static class LambdaTraceContext
{
    private static readonly AsyncLocal<TraceHeader?> s_current = new();

    /// <summary>The header of the current invocation, or null outside one.</summary>
    public static TraceHeader? Current
    {
        get
        {
            if (s_current.Value is { } header)
            {
                return header;
            }

            return TraceHeader.TryParse(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"), out var fromEnvironment)
                ? fromEnvironment
                : null;
        }
    }

    /// <summary>Sets the header for the current async flow (call at the start of each invocation).</summary>
    public static void Set(TraceHeader? header) => s_current.Value = header;

    /// <summary>Parses and sets a raw <c>Lambda-Runtime-Trace-Id</c> value; an invalid value clears it.</summary>
    public static void Set(string? rawHeader) => s_current.Value = TraceHeader.TryParse(rawHeader, out var header) ? header : null;
}
