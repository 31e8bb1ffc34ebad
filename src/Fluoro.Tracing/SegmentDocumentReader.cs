using System.Text;
using System.Text.Json;

namespace Fluoro.Tracing;

/// <summary>
/// Reads and validates X-Ray segment documents on the ingest hot path with a single forward pass of
/// <see cref="Utf8JsonReader"/> (no DOM). Never throws for bad input: every problem becomes a
/// <see cref="SegmentValidationError"/> with an X-Ray style error code.
/// </summary>
/// <remarks>
/// Rules: <c>id</c> (16 hex), <c>name</c> (≤ 200 characters of letters, digits, whitespace and
/// <c>_ . : / % &amp; # = + \ - @</c>), numeric <c>start_time</c>, <c>trace_id</c> on the top-level document,
/// <c>end_time</c> or <c>in_progress: true</c>, and <c>parent_id</c> on standalone subsegments. Embedded
/// subsegments are checked with the subsegment rules. Unknown fields are ignored. Annotations with a bad key or
/// value type are left out of the index but do not reject the document.
/// </remarks>
public static class SegmentDocumentReader
{
    /// <summary>Largest accepted document, in UTF-8 bytes.</summary>
    public const int MaxDocumentBytes = 64 * 1024;

    /// <summary>Most annotations indexed per document.</summary>
    public const int MaxIndexedAnnotations = 50;

    /// <summary>Most downstream names indexed per document; a document calling more distinct nodes is rare, and a
    /// store treats the list as a search aid, so the cap only bounds the index, not correctness of results.</summary>
    public const int MaxDownstreamNames = 64;

    /// <summary>Longest accepted <c>name</c>, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest accepted annotation key, in characters.</summary>
    public const int MaxAnnotationKeyLength = 500;

    private const int MaxReportedIdLength = 64;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 128,
    };

    /// <summary>Reads and validates one document.</summary>
    public static SegmentReadResult Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }

        SegmentReadResult result;
        try
        {
            result = ReadCore(utf8);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or DecoderFallbackException)
        {
            // Utf8JsonReader reports malformed JSON and invalid UTF-8 by throwing; both mean "not JSON" here.
            result = Fail(SniffId(utf8), SegmentErrorCodes.InvalidJson, subsegment: false);
        }

        if (utf8.Length > MaxDocumentBytes)
        {
            var id = result.IsValid ? result.Fields.Id : result.Error.Id;
            return Fail(id, SegmentErrorCodes.SegmentTooLarge, subsegment: result.IsValid && result.Fields.IsSubsegment);
        }

        return result;
    }

    /// <summary>
    /// Splits one received document into the documents it holds. A top-level JSON array whose elements are all
    /// objects (X-Ray's "array of subsegments") yields one slice per element; anything else, including an empty
    /// or malformed array, is returned unchanged so that <see cref="Read"/> reports why it is invalid.
    /// </summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Span.StartsWith(Utf8Bom))
        {
            // Stored documents never carry a byte-order mark; JSON parsers downstream need not cope with one.
            utf8 = utf8[Utf8Bom.Length..];
        }

        var span = utf8.Span;
        var first = 0;
        while (first < span.Length && IsJsonWhitespace(span[first]))
        {
            first++;
        }

        if (first >= span.Length || span[first] != (byte)'[')
        {
            return [utf8];
        }

        try
        {
            var reader = new Utf8JsonReader(span, ReaderOptions);
            reader.Read();
            var parts = new List<ReadOnlyMemory<byte>>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return [utf8];
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                parts.Add(utf8[start..end]);
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read() || parts.Count == 0)
            {
                return [utf8];
            }

            return parts;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return [utf8];
        }
    }

    /// <summary>True when <paramref name="name"/> is a non-empty, ≤ 200 character name of allowed characters.</summary>
    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.IsWhiteSpace(rune) || Rune.IsNumber(rune))
            {
                continue;
            }

            if (!rune.IsAscii || "_.:/%&#=+\\-@".IndexOf((char)rune.Value, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="key"/> can be indexed and used in filter expressions (letters, digits, underscore).</summary>
    public static bool IsValidAnnotationKey(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || key.Length > MaxAnnotationKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static SegmentReadResult ReadCore(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        if (!reader.Read())
        {
            return Fail(null, SegmentErrorCodes.InvalidJson, subsegment: false);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Validate the rest so that a malformed value is still InvalidJson; valid non-objects (e.g. []) have no id.
            reader.Skip();
            return reader.Read()
                ? Fail(null, SegmentErrorCodes.InvalidJson, subsegment: false)
                : Fail(null, SegmentErrorCodes.MissingId, subsegment: false);
        }

        var context = new ReadContext();
        var root = ReadEntity(ref reader, context);
        if (reader.Read())
        {
            // Trailing data after the object.
            return Fail(root.IdText, SegmentErrorCodes.InvalidJson, subsegment: false);
        }

        var isSubsegment = root.Type == "subsegment";
        var reportedId = root.IdText;
        var code = ValidateCommon(root);
        if (code is null && root.Type is not null && root.Type is not ("subsegment" or "segment"))
        {
            code = SegmentErrorCodes.InvalidType;
        }

        if (code is null && root.TraceIdState == FieldState.Missing)
        {
            code = SegmentErrorCodes.MissingTraceId;
        }
        else if (code is null && root.TraceIdState == FieldState.Invalid)
        {
            code = SegmentErrorCodes.InvalidTraceId;
        }

        code ??= ValidateEnd(root);

        if (code is null && isSubsegment)
        {
            code = root.ParentIdState switch
            {
                FieldState.Missing => SegmentErrorCodes.MissingParentId,
                FieldState.Invalid => SegmentErrorCodes.InvalidParentId,
                _ => null,
            };
        }

        if (code is null && !isSubsegment && root.ParentIdState == FieldState.Invalid)
        {
            code = SegmentErrorCodes.InvalidParentId;
        }

        if (code is not null)
        {
            return Fail(reportedId, code, isSubsegment);
        }

        if (context.ChildErrorCode is not null)
        {
            return Fail(reportedId, context.ChildErrorCode, subsegment: true);
        }

        if (isSubsegment)
        {
            AddDownstreamNames(root, context);
        }

        return SegmentReadResult.Valid(new SegmentDocumentFields
        {
            TraceId = root.TraceId!,
            Id = root.Id!,
            ParentId = root.ParentId,
            IsSubsegment = isSubsegment,
            Name = root.Name!,
            Origin = root.Origin,
            Namespace = root.Namespace,
            StartTime = root.StartTime!.Value,
            EndTime = root.EndTime,
            InProgress = root.EndTime is null && root.InProgress,
            Fault = root.Fault,
            Error = root.Error,
            Throttle = root.Throttle,
            HasFault = context.AnyFault,
            HasError = context.AnyError,
            HasThrottle = context.AnyThrottle,
            HttpMethod = root.HttpMethod,
            HttpUrl = root.HttpUrl,
            HttpUserAgent = root.HttpUserAgent,
            HttpClientIp = root.HttpClientIp,
            HttpStatus = root.HttpStatus,
            User = root.User,
            ResourceArn = root.ResourceArn,
            AccountId = root.AccountId,
            InstanceId = root.InstanceId,
            AvailabilityZone = root.AvailabilityZone,
            DownstreamNames = (IReadOnlyList<string>?)context.DownstreamNames ?? [],
            Annotations = (IReadOnlyList<SegmentAnnotation>?)context.Annotations ?? [],
            DroppedAnnotations = context.DroppedAnnotations,
        });
    }

    private static string? ValidateCommon(Entity entity)
    {
        if (entity.IdState == FieldState.Missing)
        {
            return SegmentErrorCodes.MissingId;
        }

        if (entity.IdState == FieldState.Invalid)
        {
            return SegmentErrorCodes.InvalidId;
        }

        if (entity.NameState == FieldState.Missing)
        {
            return SegmentErrorCodes.MissingName;
        }

        if (entity.NameState == FieldState.Invalid)
        {
            return SegmentErrorCodes.InvalidName;
        }

        if (entity.StartTimeState == FieldState.Missing)
        {
            return SegmentErrorCodes.MissingStartTime;
        }

        return entity.StartTimeState == FieldState.Invalid ? SegmentErrorCodes.InvalidStartTime : null;
    }

    private static string? ValidateEnd(Entity entity)
    {
        if (entity.EndTimeState == FieldState.Invalid)
        {
            return SegmentErrorCodes.InvalidEndTime;
        }

        return entity.EndTimeState == FieldState.Missing && !entity.InProgress ? SegmentErrorCodes.MissingEndTime : null;
    }

    private static Entity ReadEntity(ref Utf8JsonReader reader, ReadContext context)
    {
        var entity = new Entity();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                entity.IdState = ReadHexId(ref reader, out entity.Id, out entity.IdText);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                var name = ReadString(ref reader);
                entity.Name = name;
                entity.NameState = name is null ? (reader.TokenType == JsonTokenType.Null ? FieldState.Missing : FieldState.Invalid)
                    : name.Length == 0 ? FieldState.Missing
                    : IsValidName(name) ? FieldState.Valid : FieldState.Invalid;
            }
            else if (reader.ValueTextEquals("trace_id"u8))
            {
                reader.Read();
                var text = ReadString(ref reader);
                if (text is null)
                {
                    entity.TraceIdState = reader.TokenType == JsonTokenType.Null ? FieldState.Missing : FieldState.Invalid;
                }
                else if (Tracing.TraceId.TryParse(text, out var traceId))
                {
                    entity.TraceId = traceId.ToString();
                    entity.TraceIdState = FieldState.Valid;
                }
                else
                {
                    entity.TraceIdState = FieldState.Invalid;
                }
            }
            else if (reader.ValueTextEquals("parent_id"u8))
            {
                reader.Read();
                entity.ParentIdState = ReadHexId(ref reader, out entity.ParentId, out _);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                entity.Type = ReadString(ref reader) ?? (reader.TokenType == JsonTokenType.Null ? null : "?");
            }
            else if (reader.ValueTextEquals("start_time"u8))
            {
                reader.Read();
                entity.StartTimeState = ReadTime(ref reader, out entity.StartTime);
            }
            else if (reader.ValueTextEquals("end_time"u8))
            {
                reader.Read();
                entity.EndTimeState = ReadTime(ref reader, out entity.EndTime);
            }
            else if (reader.ValueTextEquals("in_progress"u8))
            {
                reader.Read();
                entity.InProgress = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("fault"u8))
            {
                reader.Read();
                entity.Fault = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                entity.Error = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("throttle"u8))
            {
                reader.Read();
                entity.Throttle = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("origin"u8))
            {
                entity.Origin = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                entity.Namespace = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("user"u8))
            {
                entity.User = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("resource_arn"u8))
            {
                entity.ResourceArn = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("http"u8))
            {
                reader.Read();
                ReadHttp(ref reader, entity);
            }
            else if (reader.ValueTextEquals("aws"u8))
            {
                reader.Read();
                ReadAws(ref reader, entity);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                ReadAnnotations(ref reader, context);
            }
            else if (reader.ValueTextEquals("subsegments"u8))
            {
                reader.Read();
                ReadSubsegments(ref reader, context);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        context.AnyFault |= entity.Fault;
        context.AnyError |= entity.Error;
        context.AnyThrottle |= entity.Throttle;
        return entity;
    }

    private static void ReadSubsegments(ref Utf8JsonReader reader, ReadContext context)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                context.ChildErrorCode ??= SegmentErrorCodes.MissingId;
                continue;
            }

            var child = ReadEntity(ref reader, context);
            AddDownstreamNames(child, context);
            if (context.ChildErrorCode is null)
            {
                var code = ValidateCommon(child) ?? ValidateEnd(child);
                if (code is null && child.ParentIdState == FieldState.Invalid)
                {
                    code = SegmentErrorCodes.InvalidParentId;
                }

                context.ChildErrorCode = code;
            }
        }
    }

    private static void AddDownstreamNames(Entity entity, ReadContext context)
    {
        if (entity.Namespace is not ("aws" or "remote"))
        {
            return;
        }

        AddDownstreamName(entity.Name, context);
        if (entity.Namespace == "aws")
        {
            AddDownstreamName(entity.TableName, context);
            AddDownstreamName(entity.BucketName, context);
            AddDownstreamName(entity.FunctionName, context);
            if (entity.QueueUrl is { } queueUrl)
            {
                var queue = queueUrl.TrimEnd('/');
                AddDownstreamName(queue[(queue.LastIndexOf('/') + 1)..], context);
            }
        }
    }

    private static void AddDownstreamName(string? name, ReadContext context)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var names = context.DownstreamNames ??= [];
        if (names.Count < MaxDownstreamNames && !names.Contains(name))
        {
            names.Add(name);
        }
    }

    /// <summary>Reads one property of an object into <paramref name="entity"/>; false leaves it for the caller to skip.</summary>
    private delegate bool PropertyReader(ref Utf8JsonReader reader, Entity entity);

    /// <summary>Reads the object at the reader's position property by property; anything else is skipped whole.</summary>
    private static void ReadObject(ref Utf8JsonReader reader, Entity entity, PropertyReader readProperty)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!readProperty(ref reader, entity))
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The string value of the current property (null for any other token, which is skipped).</summary>
    private static string? NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ReadString(ref reader);
    }

    private static void ReadHttp(ref Utf8JsonReader reader, Entity entity) => ReadObject(ref reader, entity, ReadHttpProperty);

    private static bool ReadHttpProperty(ref Utf8JsonReader reader, Entity entity)
    {
        if (reader.ValueTextEquals("request"u8))
        {
            reader.Read();
            ReadObject(ref reader, entity, ReadHttpRequestProperty);
        }
        else if (reader.ValueTextEquals("response"u8))
        {
            reader.Read();
            ReadObject(ref reader, entity, ReadHttpResponseProperty);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool ReadHttpRequestProperty(ref Utf8JsonReader reader, Entity entity)
    {
        if (reader.ValueTextEquals("method"u8))
        {
            entity.HttpMethod = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("url"u8))
        {
            entity.HttpUrl = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("user_agent"u8))
        {
            entity.HttpUserAgent = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("client_ip"u8))
        {
            entity.HttpClientIp = NextString(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool ReadHttpResponseProperty(ref Utf8JsonReader reader, Entity entity)
    {
        // content_length may be a number or a numeric string; neither is indexed.
        if (!reader.ValueTextEquals("status"u8))
        {
            return false;
        }

        reader.Read();
        entity.HttpStatus = ReadInt(ref reader);
        return true;
    }

    private static void ReadAws(ref Utf8JsonReader reader, Entity entity) => ReadObject(ref reader, entity, ReadAwsProperty);

    private static bool ReadAwsProperty(ref Utf8JsonReader reader, Entity entity)
    {
        if (reader.ValueTextEquals("account_id"u8))
        {
            entity.AccountId = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("table_name"u8))
        {
            entity.TableName = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("bucket_name"u8))
        {
            entity.BucketName = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("function_name"u8))
        {
            entity.FunctionName = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("queue_url"u8))
        {
            entity.QueueUrl = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("ec2"u8))
        {
            reader.Read();
            ReadObject(ref reader, entity, ReadEc2Property);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool ReadEc2Property(ref Utf8JsonReader reader, Entity entity)
    {
        if (reader.ValueTextEquals("instance_id"u8))
        {
            entity.InstanceId = NextString(ref reader);
        }
        else if (reader.ValueTextEquals("availability_zone"u8))
        {
            entity.AvailabilityZone = NextString(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static void ReadAnnotations(ref Utf8JsonReader reader, ReadContext context)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            SegmentAnnotation? annotation = null;
            if (IsValidAnnotationKey(key))
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        annotation = new SegmentAnnotation(key, reader.GetString(), null, null);
                        break;
                    case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                        annotation = new SegmentAnnotation(key, null, number, null);
                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        annotation = new SegmentAnnotation(key, null, null, reader.TokenType == JsonTokenType.True);
                        break;
                }
            }

            reader.Skip();
            if (annotation is null || (context.Annotations?.Count ?? 0) >= MaxIndexedAnnotations)
            {
                context.DroppedAnnotations++;
                continue;
            }

            (context.Annotations ??= []).Add(annotation);
        }
    }

    private static FieldState ReadHexId(ref Utf8JsonReader reader, out string? id, out string? rawText)
    {
        id = null;
        rawText = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return FieldState.Missing;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return FieldState.Invalid;
        }

        var text = reader.GetString()!;
        rawText = text.Length > MaxReportedIdLength ? text[..MaxReportedIdLength] : text;
        if (text.Length == 0)
        {
            return FieldState.Missing;
        }

        if (!SegmentId.TryParse(text, out var parsed))
        {
            return FieldState.Invalid;
        }

        id = parsed.ToString();
        rawText = id;
        return FieldState.Valid;
    }

    private static FieldState ReadTime(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return FieldState.Missing;
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number) && number >= 0:
                value = number;
                return FieldState.Valid;
            default:
                reader.Skip();
                return FieldState.Invalid;
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                return number;
            case JsonTokenType.Number when reader.TryGetDouble(out var real) && double.IsFinite(real) && real == Math.Floor(real) && Math.Abs(real) < int.MaxValue:
                return (int)real;
            case JsonTokenType.String when int.TryParse(reader.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                reader.Skip();
                return null;
        }
    }

    private static SegmentReadResult Fail(string? id, string code, bool subsegment)
    {
        var message = subsegment
            ? $"Invalid subsegment. ErrorCode: {code}, Cause: null"
            : $"Invalid segment. ErrorCode: {code}";
        return SegmentReadResult.Invalid(new SegmentValidationError(id, code, message));
    }

    /// <summary>Finds <c>"id":"…"</c> in bytes that are not valid JSON, the way the X-Ray daemon does.</summary>
    private static string? SniffId(ReadOnlySpan<byte> utf8)
    {
        var marker = "\"id\""u8;
        var at = utf8.IndexOf(marker);
        while (at >= 0)
        {
            var rest = utf8[(at + marker.Length)..];
            var i = 0;
            while (i < rest.Length && IsJsonWhitespace(rest[i]))
            {
                i++;
            }

            if (i < rest.Length && rest[i] == (byte)':')
            {
                i++;
                while (i < rest.Length && IsJsonWhitespace(rest[i]))
                {
                    i++;
                }

                if (i < rest.Length && rest[i] == (byte)'"')
                {
                    var value = rest[(i + 1)..];
                    var end = value.IndexOf((byte)'"');
                    if (end > 0 && end <= MaxReportedIdLength && System.Text.Unicode.Utf8.IsValid(value[..end]))
                    {
                        return Encoding.UTF8.GetString(value[..end]);
                    }
                }
            }

            var next = rest.IndexOf(marker);
            at = next < 0 ? -1 : at + marker.Length + next;
        }

        return null;
    }

    private static bool IsJsonWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private enum FieldState : byte
    {
        Missing = 0,
        Valid,
        Invalid,
    }

    private sealed class ReadContext
    {
        public List<SegmentAnnotation>? Annotations;
        public List<string>? DownstreamNames;
        public int DroppedAnnotations;
        public bool AnyFault;
        public bool AnyError;
        public bool AnyThrottle;
        public string? ChildErrorCode;
    }

    private sealed class Entity
    {
        public FieldState IdState;
        public string? Id;
        public string? IdText;
        public FieldState NameState;
        public string? Name;
        public FieldState TraceIdState;
        public string? TraceId;
        public FieldState ParentIdState;
        public string? ParentId;
        public string? Type;
        public FieldState StartTimeState;
        public double? StartTime;
        public FieldState EndTimeState;
        public double? EndTime;
        public bool InProgress;
        public bool Fault;
        public bool Error;
        public bool Throttle;
        public string? Origin;
        public string? Namespace;
        public string? User;
        public string? ResourceArn;
        public string? HttpMethod;
        public string? HttpUrl;
        public string? HttpUserAgent;
        public string? HttpClientIp;
        public int? HttpStatus;
        public string? AccountId;
        public string? InstanceId;
        public string? AvailabilityZone;
        public string? TableName;
        public string? BucketName;
        public string? FunctionName;
        public string? QueueUrl;
    }
}
