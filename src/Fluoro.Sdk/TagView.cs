using System.Diagnostics;
using System.Globalization;

namespace Fluoro.Sdk;

/// <summary>Reads OpenTelemetry semantic-convention tags off an Activity for the document writer.</summary>
internal readonly struct TagView
{
    // Tags the writer maps to X-Ray fields; the rest go to metadata so nothing recorded is lost.
    private static readonly HashSet<string> s_mapped = new(StringComparer.Ordinal)
    {
        "http.request.method", "http.method", "url.full", "http.url", "url.path", "url.query", "url.scheme",
        "server.address", "server.port", "net.peer.name", "user_agent.original", "http.user_agent", "client.address",
        "http.client_ip", "http.response.status_code", "http.status_code", "http.response.body.size",
        "http.response_content_length", "rpc.system", "rpc.service", "rpc.method", "cloud.region", "aws.region",
        "aws.request_id", "aws.requestId", "aws.dynamodb.table_names", "aws.table_name", "aws.sqs.queue_url",
        "aws.queue_url", "aws.s3.bucket", "otel.status_code", "otel.status_description", "error.type",
    };

    private readonly Activity _activity;

    public TagView(Activity activity) => _activity = activity;

    public string? Get(string key)
    {
        foreach (var tag in _activity.TagObjects)
        {
            if (tag.Key == key)
            {
                return tag.Value switch
                {
                    null => null,
                    string s => s,
                    string[] many => string.Join(',', many),
                    var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                };
            }
        }

        return null;
    }

    public long? GetNumber(string key)
    {
        foreach (var tag in _activity.TagObjects)
        {
            if (tag.Key == key)
            {
                return tag.Value switch
                {
                    int i => i,
                    long l => l,
                    string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => null,
                };
            }
        }

        return null;
    }

    public int? HttpStatus => (int?)(GetNumber("http.response.status_code") ?? GetNumber("http.status_code"));

    public List<KeyValuePair<string, object?>> Unmapped()
    {
        List<KeyValuePair<string, object?>>? result = null;
        foreach (var tag in _activity.TagObjects)
        {
            if (!s_mapped.Contains(tag.Key))
            {
                (result ??= []).Add(tag);
            }
        }

        return result ?? s_empty;
    }

    private static readonly List<KeyValuePair<string, object?>> s_empty = [];
}
