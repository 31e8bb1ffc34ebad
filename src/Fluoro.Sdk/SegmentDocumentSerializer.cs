using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Fluoro.Sdk;

/// <summary>
/// Writes one finished Activity as one X-Ray document — a segment for an entry point, a standalone subsegment
/// (<c>"type":"subsegment"</c>, <c>parent_id</c>, <c>trace_id</c>) for everything else — prefixed with the daemon
/// header, so every Activity is one datagram. Streaming each entity on its own keeps every datagram small whatever
/// the shape of the trace; a document that still exceeds the limit (a huge metadata value) is trimmed, never lost.
/// </summary>
internal sealed class SegmentDocumentSerializer
{
    /// <summary>Largest datagram we send: under UDP's 65,507-byte payload and the daemon's 64 KB buffer.</summary>
    public const int MaxDatagramBytes = 64_000;

    private static ReadOnlySpan<byte> Header => "{\"format\":\"json\",\"version\":1}\n"u8;

    private readonly FluoroTracingOptions _options;
    private readonly string _sdkVersion = typeof(SegmentDocumentSerializer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public SegmentDocumentSerializer(FluoroTracingOptions options) => _options = options;

    public long Trimmed;

    /// <summary>Serializes into a pooled array; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public ArraySegment<byte> Serialize(Activity activity)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        foreach (var detail in (ReadOnlySpan<Detail>)[Detail.Full, Detail.NoMetadata, Detail.Minimal])
        {
            buffer.ResetWrittenCount();
            buffer.Write(Header);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            {
                Write(writer, activity, detail);
            }

            if (buffer.WrittenCount <= MaxDatagramBytes)
            {
                if (detail != Detail.Full)
                {
                    Interlocked.Increment(ref Trimmed);
                    FluoroSdkEventSource.Log.DocumentTrimmed(activity.DisplayName, detail.ToString());
                }

                var rented = ArrayPool<byte>.Shared.Rent(buffer.WrittenCount);
                buffer.WrittenSpan.CopyTo(rented);
                return new ArraySegment<byte>(rented, 0, buffer.WrittenCount);
            }
        }

        return default;
    }

    private enum Detail
    {
        Full,
        NoMetadata,
        Minimal,
    }

    private void Write(Utf8JsonWriter w, Activity activity, Detail detail)
    {
        var data = EntityData.Find(activity);
        var isSegment = IsSegment(activity);
        var tags = new TagView(activity);

        w.WriteStartObject();
        w.WriteString("name"u8, SanitizeName(isSegment ? _options.ServiceName : SubsegmentName(activity, tags)));
        w.WriteString("id"u8, activity.SpanId.ToHexString());
        w.WriteString("trace_id"u8, XRayIds.ToXRayTraceId(activity.TraceId));
        var start = activity.StartTimeUtc;
        w.WriteNumber("start_time"u8, ToEpochSeconds(start));
        w.WriteNumber("end_time"u8, ToEpochSeconds(start + activity.Duration));
        if (activity.ParentSpanId != default)
        {
            w.WriteString("parent_id"u8, activity.ParentSpanId.ToHexString());
        }

        if (isSegment)
        {
            if (_options.Origin is { } origin)
            {
                w.WriteString("origin"u8, origin);
            }

            w.WriteStartObject("service"u8);
            w.WriteString("runtime"u8, ".NET");
            w.WriteString("runtime_version"u8, Environment.Version.ToString());
            w.WriteEndObject();
            if (data?.User is { } user)
            {
                w.WriteString("user"u8, user);
            }
        }
        else
        {
            w.WriteString("type"u8, "subsegment"u8);
            if ((data?.Namespace ?? InferNamespace(activity, tags)) is { } ns)
            {
                w.WriteString("namespace"u8, ns);
            }
        }

        var status = tags.HttpStatus;
        WriteHttp(w, activity, tags, isSegment, status);
        WriteAws(w, tags, isSegment);
        WriteSql(w, data);

        var fault = data?.Fault == true || status is >= 500 and < 600;
        var throttle = data?.Throttle == true || status == 429;
        var error = data?.Error == true || throttle || status is >= 400 and < 500;
        if (!fault && !error && activity.Status == ActivityStatusCode.Error)
        {
            fault = true;
        }

        if (fault)
        {
            w.WriteBoolean("fault"u8, true);
        }

        if (error)
        {
            w.WriteBoolean("error"u8, true);
        }

        if (throttle)
        {
            w.WriteBoolean("throttle"u8, true);
        }

        WriteCause(w, activity, data, detail == Detail.Minimal);

        if (data?.Annotations is { Count: > 0 } annotations)
        {
            w.WriteStartObject("annotations"u8);
            foreach (var (key, value) in annotations)
            {
                switch (value)
                {
                    case string s:
                        w.WriteString(key, s);
                        break;
                    case bool b:
                        w.WriteBoolean(key, b);
                        break;
                    case long l:
                        w.WriteNumber(key, l);
                        break;
                    case double d when double.IsFinite(d):
                        w.WriteNumber(key, d);
                        break;
                }
            }

            w.WriteEndObject();
        }

        if (detail == Detail.Full)
        {
            WriteMetadata(w, data, tags);
        }
        else
        {
            w.WriteStartObject("metadata"u8);
            w.WriteStartObject("fluoro"u8);
            w.WriteBoolean("truncated"u8, true);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        if (isSegment)
        {
            w.WriteStartObject("aws"u8);
            w.WriteStartObject("xray"u8);
            w.WriteString("sdk"u8, "Fluoro SDK for .NET");
            w.WriteString("sdk_version"u8, _sdkVersion);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>An entry point gets a segment; outside Lambda that is an Activity with no local parent.</summary>
    internal bool IsSegment(Activity activity)
        => !_options.LambdaMode && (activity.Parent is null || activity.HasRemoteParent);

    private static string SubsegmentName(Activity activity, in TagView tags)
    {
        // Like the X-Ray SDKs: an outgoing HTTP call is named after the host it calls, an AWS call after the service.
        if (activity.Kind == ActivityKind.Client)
        {
            if (tags.Get("rpc.system") is "aws-api" && tags.Get("rpc.service") is { Length: > 0 } service)
            {
                return service;
            }

            if ((tags.Get("server.address") ?? tags.Get("net.peer.name")) is { Length: > 0 } host)
            {
                return host;
            }
        }

        return activity.DisplayName;
    }

    private static string? InferNamespace(Activity activity, in TagView tags)
    {
        if (activity.Kind != ActivityKind.Client && activity.Kind != ActivityKind.Producer)
        {
            return null;
        }

        return tags.Get("rpc.system") is "aws-api" ? "aws" : "remote";
    }

    private static void WriteHttp(Utf8JsonWriter w, Activity activity, in TagView tags, bool isSegment, int? status)
    {
        var method = tags.Get("http.request.method") ?? tags.Get("http.method");
        var url = tags.Get("url.full") ?? tags.Get("http.url") ?? BuildServerUrl(tags);
        if (method is null && url is null && status is null)
        {
            return;
        }

        w.WriteStartObject("http"u8);
        w.WriteStartObject("request"u8);
        if (method is not null)
        {
            w.WriteString("method"u8, method);
        }

        if (url is not null)
        {
            w.WriteString("url"u8, url);
        }

        if ((tags.Get("user_agent.original") ?? tags.Get("http.user_agent")) is { } agent)
        {
            w.WriteString("user_agent"u8, agent);
        }

        if (isSegment && (tags.Get("client.address") ?? tags.Get("http.client_ip")) is { } clientIp)
        {
            w.WriteString("client_ip"u8, clientIp);
        }

        if (!isSegment && activity.Kind == ActivityKind.Client)
        {
            w.WriteBoolean("traced"u8, activity.Recorded);
        }

        w.WriteEndObject();
        if (status is not null)
        {
            w.WriteStartObject("response"u8);
            w.WriteNumber("status"u8, status.Value);
            if ((tags.GetNumber("http.response.body.size") ?? tags.GetNumber("http.response_content_length")) is { } length)
            {
                w.WriteNumber("content_length"u8, length);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static string? BuildServerUrl(in TagView tags)
    {
        if (tags.Get("url.path") is not { } path)
        {
            return null;
        }

        var scheme = tags.Get("url.scheme") ?? "http";
        var host = tags.Get("server.address");
        var port = tags.Get("server.port");
        return host is null ? path : $"{scheme}://{host}{(port is null ? "" : ":" + port)}{path}{tags.Get("url.query")}";
    }

    private static void WriteAws(Utf8JsonWriter w, in TagView tags, bool isSegment)
    {
        if (isSegment || tags.Get("rpc.system") is not "aws-api")
        {
            return;
        }

        w.WriteStartObject("aws"u8);
        if (tags.Get("rpc.method") is { } operation)
        {
            w.WriteString("operation"u8, operation);
        }

        if ((tags.Get("cloud.region") ?? tags.Get("aws.region")) is { } region)
        {
            w.WriteString("region"u8, region);
        }

        if ((tags.Get("aws.request_id") ?? tags.Get("aws.requestId")) is { } requestId)
        {
            w.WriteString("request_id"u8, requestId);
        }

        if ((tags.Get("aws.dynamodb.table_names") ?? tags.Get("aws.table_name")) is { } table)
        {
            w.WriteString("table_name"u8, table);
        }

        if ((tags.Get("aws.sqs.queue_url") ?? tags.Get("aws.queue_url")) is { } queue)
        {
            w.WriteString("queue_url"u8, queue);
        }

        if (tags.Get("aws.s3.bucket") is { } bucket)
        {
            w.WriteString("bucket_name"u8, bucket);
        }

        w.WriteEndObject();
    }

    private static void WriteSql(Utf8JsonWriter w, EntityData? data)
    {
        if (data?.Sql is not { Count: > 0 } sql)
        {
            return;
        }

        w.WriteStartObject("sql"u8);
        foreach (var (key, value) in sql)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static void WriteCause(Utf8JsonWriter w, Activity activity, EntityData? data, bool withoutStacks)
    {
        var recorded = data?.Exceptions;
        var hasEvents = false;
        foreach (var e in activity.Events)
        {
            if (e.Name == "exception")
            {
                hasEvents = true;
                break;
            }
        }

        if (recorded is not { Count: > 0 } && !hasEvents)
        {
            return;
        }

        w.WriteStartObject("cause"u8);
        w.WriteString("working_directory"u8, Environment.CurrentDirectory);
        w.WriteStartArray("exceptions"u8);
        if (recorded is not null)
        {
            foreach (var exception in recorded)
            {
                WriteException(w, exception.GetType().FullName ?? "Exception", exception.Message, exception.StackTrace, withoutStacks);
            }
        }

        foreach (var e in activity.Events)
        {
            if (e.Name != "exception")
            {
                continue;
            }

            string? type = null, message = null, stack = null;
            foreach (var tag in e.Tags)
            {
                switch (tag.Key)
                {
                    case "exception.type":
                        type = tag.Value?.ToString();
                        break;
                    case "exception.message":
                        message = tag.Value?.ToString();
                        break;
                    case "exception.stacktrace":
                        stack = tag.Value?.ToString();
                        break;
                }
            }

            WriteException(w, type ?? "Exception", message, stack, withoutStacks);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteException(Utf8JsonWriter w, string type, string? message, string? stackTrace, bool withoutStack)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, Tracing.SegmentId.NewId().ToString());
        w.WriteString("type"u8, type);
        if (message is not null)
        {
            w.WriteString("message"u8, message);
        }

        if (!withoutStack && stackTrace is not null)
        {
            w.WriteStartArray("stack"u8);
            var frames = 0;
            foreach (var line in stackTrace.AsSpan().EnumerateLines())
            {
                var frame = line.Trim();
                if (frame.IsEmpty)
                {
                    continue;
                }

                if (++frames > 50)
                {
                    break;
                }

                if (frame.StartsWith("at "))
                {
                    frame = frame[3..];
                }

                w.WriteStartObject();
                var inIndex = frame.LastIndexOf(" in ");
                var label = inIndex > 0 ? frame[..inIndex] : frame;
                w.WriteString("label"u8, label);
                if (inIndex > 0)
                {
                    var location = frame[(inIndex + 4)..];
                    var lineIndex = location.LastIndexOf(":line ");
                    w.WriteString("path"u8, lineIndex > 0 ? location[..lineIndex] : location);
                    if (lineIndex > 0 && int.TryParse(location[(lineIndex + 6)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                    {
                        w.WriteNumber("line"u8, number);
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter w, EntityData? data, in TagView tags)
    {
        var metadata = data?.Metadata;
        var extraTags = tags.Unmapped();
        if (metadata is not { Count: > 0 } && extraTags.Count == 0)
        {
            return;
        }

        w.WriteStartObject("metadata"u8);
        var wroteDefault = false;
        if (metadata is not null)
        {
            foreach (var (ns, entries) in metadata)
            {
                w.WriteStartObject(ns);
                foreach (var (key, value) in entries)
                {
                    w.WritePropertyName(key);
                    if (value is null)
                    {
                        w.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(w);
                    }
                }

                if (ns == XRay.DefaultMetadataNamespace)
                {
                    wroteDefault = true;
                    WriteTags(w, extraTags);
                }

                w.WriteEndObject();
            }
        }

        if (!wroteDefault && extraTags.Count > 0)
        {
            w.WriteStartObject("default"u8);
            WriteTags(w, extraTags);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter w, List<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            switch (value)
            {
                case null:
                    break;
                case bool b:
                    w.WriteBoolean(key, b);
                    break;
                case int i:
                    w.WriteNumber(key, i);
                    break;
                case long l:
                    w.WriteNumber(key, l);
                    break;
                case double d when double.IsFinite(d):
                    w.WriteNumber(key, d);
                    break;
                default:
                    w.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    internal static double ToEpochSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>X-Ray names allow letters, digits, whitespace and <c>_ . : / % &amp; # = + \ - @</c>, up to 200 characters.</summary>
    internal static string SanitizeName(string name)
    {
        static bool Allowed(char c) => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || "_.:/%&#=+\\-@".Contains(c, StringComparison.Ordinal);

        var span = name.AsSpan();
        if (span.Length > 200)
        {
            span = span[..200];
        }

        var clean = true;
        foreach (var c in span)
        {
            if (!Allowed(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return span.Length == name.Length ? name : span.ToString();
        }

        return string.Create(span.Length, name, static (dest, source) =>
        {
            for (var i = 0; i < dest.Length; i++)
            {
                dest[i] = Allowed(source[i]) ? source[i] : '_';
            }
        });
    }
}
