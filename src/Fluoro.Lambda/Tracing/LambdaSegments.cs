using System.Buffers;
using System.Text.Json;
using Fluoro.Tracing;

namespace Fluoro.Lambda.Tracing;

/// <summary>Writes Lambda's two segment documents (service and function) as spec lambda.md §6.3 shows them.</summary>
internal static class LambdaSegments
{
    private const int MaxCauseBytes = 32 * 1024;

    public static byte[] Service(InvocationTrace trace, string functionName, string functionArn, string requestId, int status,
        DateTimeOffset start, DateTimeOffset end, IReadOnlyList<PlatformSpan> subsegments)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", trace.ServiceSegmentId.ToString());
            w.WriteString("name", functionName);
            w.WriteNumber("start_time", Seconds(start));
            w.WriteString("trace_id", trace.Root.ToString());
            w.WriteNumber("end_time", Seconds(end));
            if (trace.UpstreamParent is { } parent)
            {
                w.WriteString("parent_id", parent.ToString());
            }

            w.WriteStartObject("http");
            w.WriteStartObject("response");
            w.WriteNumber("status", status);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("aws");
            w.WriteString("request_id", requestId);
            w.WriteEndObject();
            w.WriteString("origin", "AWS::Lambda");
            w.WriteString("resource_arn", functionArn);
            WriteSubsegments(w, subsegments, null);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Function(InvocationTrace trace, FunctionSegmentData data)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", data.Id.ToString());
            w.WriteString("name", data.FunctionName);
            w.WriteNumber("start_time", Seconds(data.Start));
            w.WriteString("trace_id", trace.Root.ToString());
            w.WriteNumber("end_time", Seconds(data.End));
            w.WriteString("parent_id", data.ParentId.ToString());
            w.WriteStartObject("aws");
            w.WriteString("account_id", data.AccountId);
            w.WriteString("function_arn", data.FunctionArn);
            w.WriteStartArray("resource_names");
            w.WriteStringValue(data.FunctionName);
            w.WriteEndArray();
            w.WriteStartArray("cloudwatch_logs");
            w.WriteStartObject();
            w.WriteString("log_group", "/aws/lambda/" + data.FunctionName);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("origin", "AWS::Lambda::Function");
            if (data.Fault)
            {
                w.WriteBoolean("fault", true);
            }

            if (data.Error)
            {
                w.WriteBoolean("error", true);
            }

            if (data.Fault || data.Error)
            {
                WriteCause(w, data);
            }

            WriteSubsegments(w, data.Subsegments, data.FunctionArn);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSubsegments(Utf8JsonWriter w, IReadOnlyList<PlatformSpan> subsegments, string? functionArn)
    {
        if (subsegments.Count == 0)
        {
            return;
        }

        w.WriteStartArray("subsegments");
        foreach (var span in subsegments)
        {
            w.WriteStartObject();
            w.WriteString("id", span.Id.ToString());
            w.WriteString("name", span.Name);
            w.WriteNumber("start_time", Seconds(span.Start));
            w.WriteNumber("end_time", Seconds(span.End < span.Start ? span.Start : span.End));
            if (span.Fault)
            {
                w.WriteBoolean("fault", true);
            }

            if (functionArn is not null)
            {
                w.WriteStartObject("aws");
                w.WriteString("function_arn", functionArn);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCause(Utf8JsonWriter w, FunctionSegmentData data)
    {
        // The runtime's X-Ray cause is used as sent when it is a JSON object of sane size; otherwise a
        // cause is built from the error type and message so the fault is never unexplained.
        if (data.CauseJson is { Length: > 0 and < MaxCauseBytes } json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    w.WritePropertyName("cause");
                    WriteCauseObject(w, doc.RootElement);
                    return;
                }
            }
            catch (JsonException)
            {
                // Fall through to the built cause.
            }
        }

        w.WriteStartObject("cause");
        w.WriteString("working_directory", "");
        w.WriteStartArray("paths");
        w.WriteEndArray();
        w.WriteStartArray("exceptions");
        w.WriteStartObject();
        w.WriteString("id", SegmentId.NewId().ToString());
        w.WriteString("message", Truncate(data.CauseMessage ?? "Unhandled", 1024));
        w.WriteString("type", Truncate(data.CauseType ?? "Unhandled", 250));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Copies a cause object, giving each exception an id when the runtime sent none.</summary>
    private static void WriteCauseObject(Utf8JsonWriter w, JsonElement cause)
    {
        w.WriteStartObject();
        foreach (var property in cause.EnumerateObject())
        {
            if (property.NameEquals("exceptions") && property.Value.ValueKind == JsonValueKind.Array)
            {
                w.WriteStartArray("exceptions");
                foreach (var exception in property.Value.EnumerateArray())
                {
                    if (exception.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    w.WriteStartObject();
                    if (!exception.TryGetProperty("id", out _))
                    {
                        w.WriteString("id", SegmentId.NewId().ToString());
                    }

                    foreach (var field in exception.EnumerateObject())
                    {
                        field.WriteTo(w);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            else
            {
                property.WriteTo(w);
            }
        }

        w.WriteEndObject();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>Epoch seconds with microsecond precision.</summary>
    public static double Seconds(DateTimeOffset time) => Math.Round((time - DateTimeOffset.UnixEpoch).Ticks / 10.0) / 1e6;
}
