using System.Globalization;
using System.Text;
using Fluoro.Storage;

namespace Fluoro.Benchmarks.Storage;

/// <summary>
/// Deterministic, realistic segment documents (~1 KB: http, aws, annotations, metadata and one embedded
/// subsegment, with random ids where X-Ray has random ids) and matching index fields.
/// </summary>
internal sealed class SegmentGenerator(int seed)
{
    public const int SegmentsPerTrace = 10;

    private static readonly string[] s_services = ["orders", "payments", "inventory", "shipping", "users", "search", "cart"];
    private static readonly string[] s_operations = ["GetItem", "PutItem", "Query", "UpdateItem"];
    private readonly Random _random = new(seed);

    public string NewTraceId(long epoch) => string.Create(CultureInfo.InvariantCulture, $"1-{epoch:x8}-{Hex(24)}");

    public SegmentRecord Segment(string traceId, double start, double received, int index)
    {
        var id = Hex(16);
        var service = s_services[_random.Next(s_services.Length)];
        var status = _random.Next(100) switch { < 2 => 500, < 5 => 404, < 6 => 429, _ => 200 };
        var end = start + (_random.Next(5, 900) / 1000.0);
        var customer = string.Create(CultureInfo.InvariantCulture, $"c-{_random.Next(5000)}");
        var path = string.Create(CultureInfo.InvariantCulture, $"/api/{service}/{_random.Next(100000)}");
        var ip = string.Create(CultureInfo.InvariantCulture, $"10.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(256)}");
        var instance = string.Create(CultureInfo.InvariantCulture, $"i-0{_random.Next(1 << 30):x12}");
        var parent = index == 0 ? null : Hex(16);
        var json = new StringBuilder(1100);
        json.Append(CultureInfo.InvariantCulture, $"{{\"trace_id\":\"{traceId}\",\"id\":\"{id}\",\"name\":\"{service}\",\"start_time\":{start:F6},\"end_time\":{end:F6},");
        if (parent is not null)
        {
            json.Append(CultureInfo.InvariantCulture, $"\"parent_id\":\"{parent}\",");
        }

        json.Append(CultureInfo.InvariantCulture, $"\"origin\":\"AWS::EC2::Instance\",\"http\":{{\"request\":{{\"method\":\"GET\",\"url\":\"https://{service}.example.com{path}\",");
        json.Append(CultureInfo.InvariantCulture, $"\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\",\"client_ip\":\"{ip}\"}},\"response\":{{\"status\":{status},\"content_length\":{_random.Next(20000)}}}}},");
        json.Append(CultureInfo.InvariantCulture, $"\"aws\":{{\"ec2\":{{\"instance_id\":\"{instance}\",\"availability_zone\":\"us-east-1{(char)('a' + _random.Next(3))}\"}},\"xray\":{{\"sdk\":\"X-Ray for Node.js\",\"sdk_version\":\"3.12.0\",\"package\":\"aws-xray-sdk\"}}}},");
        json.Append(CultureInfo.InvariantCulture, $"\"annotations\":{{\"customer\":\"{customer}\",\"attempt\":{_random.Next(3)}}},\"metadata\":{{\"default\":{{\"note\":\"processed by worker {_random.Next(64)}\"}}}},");
        json.Append(CultureInfo.InvariantCulture, $"\"subsegments\":[{{\"id\":\"{Hex(16)}\",\"name\":\"DynamoDB\",\"start_time\":{start + 0.001:F6},\"end_time\":{end - 0.001:F6},\"namespace\":\"aws\",");
        json.Append(CultureInfo.InvariantCulture, $"\"aws\":{{\"operation\":\"{s_operations[_random.Next(s_operations.Length)]}\",\"table_name\":\"{service}-table\",\"region\":\"us-east-1\",\"request_id\":\"{Hex(32).ToUpperInvariant()}\",\"retries\":0}},");
        json.Append(CultureInfo.InvariantCulture, $"\"http\":{{\"response\":{{\"status\":200,\"content_length\":{_random.Next(2000)}}}}}}}]}}");

        return new SegmentRecord
        {
            TraceId = traceId,
            Id = id,
            ParentId = parent,
            Name = service,
            Origin = "AWS::EC2::Instance",
            StartTime = start,
            EndTime = end,
            ReceivedTime = received,
            Document = Encoding.UTF8.GetBytes(json.ToString()),
            Index = new SegmentIndexFields
            {
                HasFault = status >= 500,
                Fault = status >= 500,
                HasError = status is >= 400 and < 500,
                Error = status is >= 400 and < 500,
                HasThrottle = status == 429,
                Throttle = status == 429,
                HttpStatus = status,
                HttpMethod = "GET",
                HttpUrl = "https://" + service + ".example.com" + path,
                HttpClientIp = ip,
                HttpUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
                InstanceId = instance,
                Annotations = [new AnnotationValue("customer", customer, null, null)],
            },
        };
    }

    /// <summary><paramref name="count"/> segments of consecutive traces, ten per trace, starting at <paramref name="epoch"/>.</summary>
    public SegmentRecord[] Segments(int count, long epoch)
    {
        var records = new SegmentRecord[count];
        var traceId = string.Empty;
        for (var i = 0; i < count; i++)
        {
            if (i % SegmentsPerTrace == 0)
            {
                traceId = NewTraceId(epoch + (i / 10_000));
            }

            var start = epoch + (i / 10_000.0);
            records[i] = Segment(traceId, start, start + 1, i % SegmentsPerTrace);
        }

        return records;
    }

    private string Hex(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[_random.Next(16)];
        }

        return new string(chars);
    }
}
