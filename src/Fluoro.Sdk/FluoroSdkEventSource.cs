using System.Diagnostics.Tracing;

namespace Fluoro.Sdk;

/// <summary>
/// Diagnostics of the SDK itself. The SDK never throws into the application; whatever goes wrong is reported
/// here (listen with dotnet-trace or an EventListener on "Fluoro-Sdk").
/// </summary>
[EventSource(Name = "Fluoro-Sdk")]
internal sealed class FluoroSdkEventSource : EventSource
{
    public static readonly FluoroSdkEventSource Log = new();

    private static int s_contextMissingLogged;

    [NonEvent]
    public void ContextMissingOnce(string operation)
    {
        if (XRay.ContextMissing == ContextMissingStrategy.IgnoreError || Interlocked.Exchange(ref s_contextMissingLogged, 1) == 1)
        {
            return;
        }

        ContextMissing(operation);
        Console.Error.WriteLine($"[Fluoro.Sdk] {operation}: no current segment or subsegment; the call is ignored. Set AWS_XRAY_CONTEXT_MISSING=IGNORE_ERROR to silence this.");
    }

    [Event(1, Level = EventLevel.Warning, Message = "{0}: no current segment or subsegment; the call is ignored.")]
    public void ContextMissing(string operation) => WriteEvent(1, operation);

    [NonEvent]
    public void LambdaSegmentImmutableOnce(string operation)
    {
        if (IsEnabled())
        {
            LambdaSegmentImmutable(operation);
        }

        Console.Error.WriteLine($"[Fluoro.Sdk] {operation} cannot be applied to the Lambda function's segment; record data on a subsegment instead.");
    }

    [Event(2, Level = EventLevel.Warning, Message = "{0} cannot be applied to the Lambda function's segment; use a subsegment.")]
    public void LambdaSegmentImmutable(string operation) => WriteEvent(2, operation);

    [Event(3, Level = EventLevel.Warning, Message = "Annotation key '{0}' is not alphanumeric/underscore; the annotation is ignored.")]
    public void InvalidAnnotationKey(string key) => WriteEvent(3, key);

    [Event(4, Level = EventLevel.Warning, Message = "Document queue full; {0} documents dropped so far.")]
    public void DocumentDropped(long dropped) => WriteEvent(4, dropped);

    [Event(5, Level = EventLevel.Warning, Message = "Sending to the daemon failed: {0}")]
    public void SendFailed(string error) => WriteEvent(5, error);

    [Event(6, Level = EventLevel.Informational, Message = "Document for '{0}' exceeded 64 KB and was trimmed ({1}).")]
    public void DocumentTrimmed(string name, string how) => WriteEvent(6, name, how);
}
