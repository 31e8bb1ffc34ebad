using System.Globalization;
using System.Text;

namespace Fluoro.Storage.ContractTests;

/// <summary>Builds realistic segment records (document bytes agree with the indexed fields).</summary>
public static class SegmentFixtures
{
    /// <summary>2026-11-28T00:00:00Z; every fixture time is an offset from it.</summary>
    public const long BaseEpoch = 1_795_824_000;

    private static int s_counter;

    /// <summary>A fresh canonical trace id whose epoch second is <paramref name="epoch"/>.</summary>
    public static string NewTraceId(long epoch = BaseEpoch)
    {
        var n = Interlocked.Increment(ref s_counter);
        var random = (ulong)n * 0x9E3779B97F4A7C15UL;
        return string.Create(CultureInfo.InvariantCulture, $"1-{epoch:x8}-{random:x16}{(uint)n:x8}");
    }

    /// <summary>A fresh 16-hex document id.</summary>
    public static string NewId()
    {
        var n = Interlocked.Increment(ref s_counter);
        return ((ulong)n * 0xC2B2AE3D27D4EB4FUL).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>A segment document and its record.</summary>
    public static SegmentRecord Segment(
        string traceId,
        string? id = null,
        double? start = null,
        double? end = null,
        double? received = null,
        bool inProgress = false,
        string name = "orders",
        string? parentId = null,
        bool isSubsegment = false,
        int? httpStatus = 200,
        IReadOnlyList<AnnotationValue>? annotations = null,
        string? user = null,
        IReadOnlyList<string>? downstream = null)
    {
        id ??= NewId();
        var startTime = start ?? BaseEpoch + 0.5;
        double? endTime = inProgress ? null : end ?? startTime + 0.25;
        var receivedTime = received ?? (endTime ?? startTime) + 0.01;
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"trace_id\":\"{traceId}\",\"id\":\"{id}\",\"name\":\"{name}\",\"start_time\":{startTime:R}");
        json.Append(inProgress ? ",\"in_progress\":true" : string.Create(CultureInfo.InvariantCulture, $",\"end_time\":{endTime:R}"));
        if (parentId is not null)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"parent_id\":\"{parentId}\"");
        }

        if (isSubsegment)
        {
            json.Append(",\"type\":\"subsegment\"");
        }

        json.Append(",\"origin\":\"AWS::EC2::Instance\",\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"https://api.example.com/orders\"}");
        if (httpStatus is not null)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"response\":{{\"status\":{httpStatus}}}");
        }

        json.Append('}');
        if (user is not null)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"user\":\"{user}\"");
        }

        if (downstream is { Count: > 0 })
        {
            json.Append(",\"subsegments\":[");
            json.AppendJoin(',', downstream.Select(n => string.Create(CultureInfo.InvariantCulture,
                $"{{\"id\":\"{NewId()}\",\"name\":\"{n}\",\"namespace\":\"remote\",\"start_time\":{startTime:R},\"end_time\":{startTime + 0.1:R}}}")));
            json.Append(']');
        }

        json.Append('}');
        return new SegmentRecord
        {
            TraceId = traceId,
            Id = id,
            ParentId = parentId,
            IsSubsegment = isSubsegment,
            Name = name,
            Origin = "AWS::EC2::Instance",
            StartTime = startTime,
            EndTime = endTime,
            InProgress = inProgress,
            ReceivedTime = receivedTime,
            Document = Encoding.UTF8.GetBytes(json.ToString()),
            Index = new SegmentIndexFields
            {
                HasFault = httpStatus >= 500,
                Fault = httpStatus >= 500,
                HasError = httpStatus is >= 400 and < 500,
                Error = httpStatus is >= 400 and < 500,
                HasThrottle = httpStatus == 429,
                Throttle = httpStatus == 429,
                HttpStatus = httpStatus,
                HttpMethod = "GET",
                HttpUrl = "https://api.example.com/orders",
                User = user,
                DownstreamNames = downstream ?? [],
                Annotations = annotations ?? [],
            },
        };
    }
}
