using System.Buffers;
using System.Buffers.Text;
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

    private static readonly JsonEncodedText NameProperty = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText IdProperty = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText TraceIdProperty = JsonEncodedText.Encode("trace_id");
    private static readonly JsonEncodedText StartTimeProperty = JsonEncodedText.Encode("start_time");
    private static readonly JsonEncodedText EndTimeProperty = JsonEncodedText.Encode("end_time");
    private static readonly JsonEncodedText ParentIdProperty = JsonEncodedText.Encode("parent_id");
    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText SubsegmentValue = JsonEncodedText.Encode("subsegment");
    private static readonly JsonEncodedText NamespaceProperty = JsonEncodedText.Encode("namespace");
    private static readonly JsonEncodedText RemoteValue = JsonEncodedText.Encode("remote");
    private static readonly JsonEncodedText AwsValue = JsonEncodedText.Encode("aws");
    private static readonly JsonEncodedText HttpProperty = JsonEncodedText.Encode("http");
    private static readonly JsonEncodedText RequestProperty = JsonEncodedText.Encode("request");
    private static readonly JsonEncodedText ResponseProperty = JsonEncodedText.Encode("response");
    private static readonly JsonEncodedText MethodProperty = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText UrlProperty = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText TracedProperty = JsonEncodedText.Encode("traced");
    private static readonly JsonEncodedText StatusProperty = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText AnnotationsProperty = JsonEncodedText.Encode("annotations");
    private static readonly JsonEncodedText FaultProperty = JsonEncodedText.Encode("fault");
    private static readonly JsonEncodedText ErrorProperty = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText ThrottleProperty = JsonEncodedText.Encode("throttle");

    private static readonly SearchValues<char> s_nameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.:/%&#=+\\-@");

    private static readonly string s_runtimeVersion = Environment.Version.ToString();

    private readonly FluoroTracingOptions _options;
    private readonly string _serviceName;
    private readonly string _sdkVersion = typeof(SegmentDocumentSerializer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    [ThreadStatic]
    private static DatagramBuffer? t_buffer;

    public SegmentDocumentSerializer(FluoroTracingOptions options)
    {
        _options = options;
        _serviceName = SanitizeName(options.ServiceName);
    }

    public long Trimmed;

    /// <summary>Serializes into a pooled array; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public ArraySegment<byte> Serialize(Activity activity)
    {
        var datagram = Write(activity);
        if (datagram.IsEmpty)
        {
            return default;
        }

        var rented = ArrayPool<byte>.Shared.Rent(datagram.Length);
        datagram.CopyTo(rented);
        return new ArraySegment<byte>(rented, 0, datagram.Length);
    }

    /// <summary>
    /// Writes the datagram (daemon header and document) for <paramref name="activity"/> into this thread's buffer and
    /// returns it; valid until the next call on this thread. Empty when even the trimmed document does not fit.
    /// </summary>
    public ReadOnlySpan<byte> Write(Activity activity) => Write(activity, EntityData.Find(activity), t_buffer ??= CreateBuffer());

    /// <summary>A buffer for <see cref="Write(Activity, DatagramBuffer)"/>, for a thread that keeps its own.</summary>
    public static DatagramBuffer CreateBuffer() => new(Header);

    /// <summary>
    /// Writes the datagram for <paramref name="activity"/> and its X-Ray <paramref name="data"/> (looked up by the
    /// caller) into <paramref name="buffer"/> (owned by the calling thread, which saves the thread-static lookup) and
    /// returns it; valid until the buffer's next use.
    /// </summary>
    public ReadOnlySpan<byte> Write(Activity activity, EntityData? data, DatagramBuffer buffer)
    {
        foreach (var detail in (ReadOnlySpan<Detail>)[Detail.Full, Detail.NoMetadata, Detail.Minimal])
        {
            var writer = buffer.Restart();
            Write(writer, activity, data, detail);
            writer.Flush();
            if (buffer.DatagramLength <= MaxDatagramBytes)
            {
                if (detail != Detail.Full)
                {
                    Interlocked.Increment(ref Trimmed);
                    FluoroSdkEventSource.Log.DocumentTrimmed(activity.DisplayName, detail.ToString());
                }

                return buffer.Datagram;
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

    private void Write(Utf8JsonWriter w, Activity activity, EntityData? data, Detail detail)
    {
        var isSegment = IsSegment(activity);
        var tags = new TagView(activity);
        Span<byte> scratch = stackalloc byte[40];

        w.WriteStartObject();
        w.WriteString(NameProperty, isSegment ? _serviceName : SanitizeName(SubsegmentName(activity, tags)));
        w.WriteString(IdProperty, FormatSpanId(activity.SpanId, scratch));
        w.WriteString(TraceIdProperty, FormatTraceId(activity.TraceId, scratch));
        var start = activity.StartTimeUtc;
        WriteEpochSeconds(w, StartTimeProperty, start, scratch);
        WriteEpochSeconds(w, EndTimeProperty, start + activity.Duration, scratch);
        if (activity.ParentSpanId != default)
        {
            w.WriteString(ParentIdProperty, FormatSpanId(activity.ParentSpanId, scratch));
        }

        if (isSegment)
        {
            if (_options.Origin is { } origin)
            {
                w.WriteString("origin"u8, origin);
            }

            w.WriteStartObject("service"u8);
            w.WriteString("runtime"u8, ".NET");
            w.WriteString("runtime_version"u8, s_runtimeVersion);
            w.WriteEndObject();
            if (data?.User is { } user)
            {
                w.WriteString("user"u8, user);
            }
        }
        else
        {
            w.WriteString(TypeProperty, SubsegmentValue);
            if (data?.Namespace is { } ns)
            {
                w.WriteString(NamespaceProperty, ns);
            }
            else if (activity.Kind is ActivityKind.Client or ActivityKind.Producer)
            {
                w.WriteString(NamespaceProperty, tags.Get(TagSlot.RpcSystem) is "aws-api" ? AwsValue : RemoteValue);
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
            w.WriteBoolean(FaultProperty, true);
        }

        if (error)
        {
            w.WriteBoolean(ErrorProperty, true);
        }

        if (throttle)
        {
            w.WriteBoolean(ThrottleProperty, true);
        }

        WriteCause(w, activity, data, detail == Detail.Minimal);

        if (data is { AnnotationCount: > 0 })
        {
            w.WriteStartObject(AnnotationsProperty);
            foreach (ref readonly var annotation in data.Annotations)
            {
                switch (annotation.Kind)
                {
                    case AnnotationKind.String:
                        w.WriteString(annotation.Key, annotation.Text);
                        break;
                    case AnnotationKind.Boolean:
                        w.WriteBoolean(annotation.Key, annotation.Bits != 0);
                        break;
                    case AnnotationKind.Integer:
                        w.WriteNumber(annotation.Key, annotation.Bits);
                        break;
                    case AnnotationKind.Double when double.IsFinite(annotation.Double):
                        w.WriteNumber(annotation.Key, annotation.Double);
                        break;
                }
            }

            w.WriteEndObject();
        }

        if (detail == Detail.Full)
        {
            WriteMetadata(w, data, activity);
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

    /// <summary>The 16 hex digits of a span id, as UTF-8 (the id keeps its hex form: no conversion to bytes and back).</summary>
    private static ReadOnlySpan<byte> FormatSpanId(ActivitySpanId id, Span<byte> scratch)
    {
        System.Text.Ascii.FromUtf16(id.ToHexString(), scratch[..16], out _);
        return scratch[..16];
    }

    /// <summary>The X-Ray form <c>1-{8 hex epoch}-{24 hex}</c> of a W3C trace id, as UTF-8.</summary>
    private static ReadOnlySpan<byte> FormatTraceId(ActivityTraceId id, Span<byte> scratch)
    {
        var hex = id.ToHexString().AsSpan();
        scratch[0] = (byte)'1';
        scratch[1] = (byte)'-';
        System.Text.Ascii.FromUtf16(hex[..8], scratch[2..10], out _);
        scratch[10] = (byte)'-';
        System.Text.Ascii.FromUtf16(hex[8..], scratch[11..35], out _);
        return scratch[..35];
    }

    /// <summary>Epoch seconds with microseconds, formatted without going through a double.</summary>
    private static void WriteEpochSeconds(Utf8JsonWriter w, JsonEncodedText property, DateTime utc, Span<byte> scratch)
    {
        var ticks = (utc - DateTime.UnixEpoch).Ticks;
        if (ticks < 0)
        {
            w.WriteNumber(property, ToEpochSeconds(utc));
            return;
        }

        var seconds = ticks / TimeSpan.TicksPerSecond;
        var micros = (ticks % TimeSpan.TicksPerSecond) / 10;
        Utf8Formatter.TryFormat(seconds, scratch, out var written);
        scratch[written++] = (byte)'.';
        Utf8Formatter.TryFormat(micros, scratch[written..], out var fraction, new StandardFormat('D', 6));
        w.WritePropertyName(property);
        w.WriteRawValue(scratch[..(written + fraction)], skipInputValidation: true);
    }

    private static string SubsegmentName(Activity activity, in TagView tags)
    {
        // Like the X-Ray SDKs: an outgoing HTTP call is named after the host it calls, an AWS call after the service.
        if (activity.Kind == ActivityKind.Client)
        {
            if (tags.Get(TagSlot.RpcSystem) is "aws-api" && tags.Get(TagSlot.RpcService) is { Length: > 0 } service)
            {
                return service;
            }

            if (tags.Get(TagSlot.ServerAddress, TagSlot.PeerName) is { Length: > 0 } host)
            {
                return host;
            }
        }

        return activity.DisplayName;
    }

    private static void WriteHttp(Utf8JsonWriter w, Activity activity, in TagView tags, bool isSegment, int? status)
    {
        var method = tags.Get(TagSlot.Method, TagSlot.LegacyMethod);
        var url = tags.Get(TagSlot.UrlFull, TagSlot.LegacyUrl) ?? BuildServerUrl(tags);
        if (method is null && url is null && status is null)
        {
            return;
        }

        w.WriteStartObject(HttpProperty);
        w.WriteStartObject(RequestProperty);
        if (method is not null)
        {
            w.WriteString(MethodProperty, method);
        }

        if (url is not null)
        {
            w.WriteString(UrlProperty, url);
        }

        if (tags.Get(TagSlot.UserAgent, TagSlot.LegacyUserAgent) is { } agent)
        {
            w.WriteString("user_agent"u8, agent);
        }

        if (isSegment && tags.Get(TagSlot.ClientAddress, TagSlot.LegacyClientIp) is { } clientIp)
        {
            w.WriteString("client_ip"u8, clientIp);
        }

        if (!isSegment && activity.Kind == ActivityKind.Client)
        {
            w.WriteBoolean(TracedProperty, activity.Recorded);
        }

        w.WriteEndObject();
        if (status is not null)
        {
            w.WriteStartObject(ResponseProperty);
            w.WriteNumber(StatusProperty, status.Value);
            if ((tags.GetNumber(TagSlot.BodySize) ?? tags.GetNumber(TagSlot.LegacyContentLength)) is { } length)
            {
                w.WriteNumber("content_length"u8, length);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static string? BuildServerUrl(in TagView tags)
    {
        if (tags.Get(TagSlot.UrlPath) is not { } path)
        {
            return null;
        }

        var scheme = tags.Get(TagSlot.UrlScheme) ?? "http";
        var host = tags.Get(TagSlot.ServerAddress);
        var port = tags.Get(TagSlot.ServerPort);
        return host is null ? path : $"{scheme}://{host}{(port is null ? "" : ":" + port)}{path}{tags.Get(TagSlot.UrlQuery)}";
    }

    private static void WriteAws(Utf8JsonWriter w, in TagView tags, bool isSegment)
    {
        if (isSegment || tags.Get(TagSlot.RpcSystem) is not "aws-api")
        {
            return;
        }

        w.WriteStartObject("aws"u8);
        if (tags.Get(TagSlot.RpcMethod) is { } operation)
        {
            w.WriteString("operation"u8, operation);
        }

        if (tags.Get(TagSlot.CloudRegion, TagSlot.AwsRegion) is { } region)
        {
            w.WriteString("region"u8, region);
        }

        if (tags.Get(TagSlot.RequestId, TagSlot.LegacyRequestId) is { } requestId)
        {
            w.WriteString("request_id"u8, requestId);
        }

        if (tags.Get(TagSlot.TableNames, TagSlot.TableName) is { } table)
        {
            w.WriteString("table_name"u8, table);
        }

        if (tags.Get(TagSlot.QueueUrl, TagSlot.LegacyQueueUrl) is { } queue)
        {
            w.WriteString("queue_url"u8, queue);
        }

        if (tags.Get(TagSlot.Bucket) is { } bucket)
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
        foreach (ref readonly var e in activity.EnumerateEvents())
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

        foreach (ref readonly var e in activity.EnumerateEvents())
        {
            if (e.Name != "exception")
            {
                continue;
            }

            string? type = null, message = null, stack = null;
            foreach (ref readonly var tag in e.EnumerateTagObjects())
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

    private static void WriteMetadata(Utf8JsonWriter w, EntityData? data, Activity activity)
    {
        var metadata = data?.Metadata;
        var hasExtraTags = false;
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            if (tag.Value is not null && !TagView.IsMapped(tag.Key))
            {
                hasExtraTags = true;
                break;
            }
        }

        if (metadata is not { Count: > 0 } && !hasExtraTags)
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
                    WriteTags(w, activity);
                }

                w.WriteEndObject();
            }
        }

        if (!wroteDefault && hasExtraTags)
        {
            w.WriteStartObject("default"u8);
            WriteTags(w, activity);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter w, Activity activity)
    {
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            if (TagView.IsMapped(tag.Key))
            {
                continue;
            }

            var key = tag.Key;
            switch (tag.Value)
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
                case var value:
                    w.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    internal static double ToEpochSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>X-Ray names allow letters, digits, whitespace and <c>_ . : / % &amp; # = + \ - @</c>, up to 200 characters.</summary>
    internal static string SanitizeName(string name)
    {
        var span = name.AsSpan();
        if (span.Length > 200)
        {
            span = span[..200];
        }

        if (!span.ContainsAnyExcept(s_nameCharacters))
        {
            return span.Length == name.Length ? name : span.ToString();
        }

        static bool Allowed(char c) => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || "_.:/%&#=+\\-@".Contains(c, StringComparison.Ordinal);

        return string.Create(span.Length, name, static (dest, source) =>
        {
            for (var i = 0; i < dest.Length; i++)
            {
                dest[i] = Allowed(source[i]) ? source[i] : '_';
            }
        });
    }
}
