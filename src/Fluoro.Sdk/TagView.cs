using System.Diagnostics;
using System.Globalization;

namespace Fluoro.Sdk;

/// <summary>
/// The OpenTelemetry semantic-convention tags of one Activity that map to X-Ray fields, read in one pass over the
/// tags (no allocation). Tags that map nowhere are written to metadata by the document writer.
/// </summary>
internal struct TagView
{
    private TagSlots _slots;

    public TagView(Activity activity)
    {
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            var slot = Slot(tag.Key);
            if (slot >= 0)
            {
                _slots[(int)slot] = tag.Value;
            }
        }
    }

    /// <summary>True for tags the writer maps to X-Ray fields (and for the SDK's own data tag).</summary>
    public static bool IsMapped(string key) => Slot(key) >= 0 || key == EntityData.TagName;

    public readonly string? Get(TagSlot slot) => _slots[(int)slot] switch
    {
        null => null,
        string s => s,
        string[] many => string.Join(',', many),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    public readonly string? Get(TagSlot first, TagSlot second) => Get(first) ?? Get(second);

    public readonly long? GetNumber(TagSlot slot) => _slots[(int)slot] switch
    {
        int i => i,
        long l => l,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public readonly bool Has(TagSlot slot) => _slots[(int)slot] is not null;

    public readonly int? HttpStatus => (int?)(GetNumber(TagSlot.StatusCode) ?? GetNumber(TagSlot.LegacyStatusCode));

    private static TagSlot Slot(string key) => key switch
    {
        "http.request.method" => TagSlot.Method,
        "http.method" => TagSlot.LegacyMethod,
        "url.full" => TagSlot.UrlFull,
        "http.url" => TagSlot.LegacyUrl,
        "url.path" => TagSlot.UrlPath,
        "url.query" => TagSlot.UrlQuery,
        "url.scheme" => TagSlot.UrlScheme,
        "server.address" => TagSlot.ServerAddress,
        "server.port" => TagSlot.ServerPort,
        "net.peer.name" => TagSlot.PeerName,
        "user_agent.original" => TagSlot.UserAgent,
        "http.user_agent" => TagSlot.LegacyUserAgent,
        "client.address" => TagSlot.ClientAddress,
        "http.client_ip" => TagSlot.LegacyClientIp,
        "http.response.status_code" => TagSlot.StatusCode,
        "http.status_code" => TagSlot.LegacyStatusCode,
        "http.response.body.size" => TagSlot.BodySize,
        "http.response_content_length" => TagSlot.LegacyContentLength,
        "rpc.system" => TagSlot.RpcSystem,
        "rpc.service" => TagSlot.RpcService,
        "rpc.method" => TagSlot.RpcMethod,
        "cloud.region" => TagSlot.CloudRegion,
        "aws.region" => TagSlot.AwsRegion,
        "aws.request_id" => TagSlot.RequestId,
        "aws.requestId" => TagSlot.LegacyRequestId,
        "aws.dynamodb.table_names" => TagSlot.TableNames,
        "aws.table_name" => TagSlot.TableName,
        "aws.sqs.queue_url" => TagSlot.QueueUrl,
        "aws.queue_url" => TagSlot.LegacyQueueUrl,
        "aws.s3.bucket" => TagSlot.Bucket,
        "otel.status_code" => TagSlot.OtelStatusCode,
        "otel.status_description" => TagSlot.OtelStatusDescription,
        "error.type" => TagSlot.ErrorType,
        _ => TagSlot.None,
    };
}
