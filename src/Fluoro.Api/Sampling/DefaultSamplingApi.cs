using System.Collections.Concurrent;
using System.Text.Json;
using Fluoro.XRay;

namespace Fluoro.Api.Sampling;

/// <summary>
/// Serves only the AWS Default rule (1 request per second, then 5 %), as the service does before anyone creates a
/// rule. The per-second reservoir is split evenly among the clients that reported recently, so several instances
/// together sample about one request per second. Replaced by the sampling-rules engine when one is registered.
/// </summary>
public sealed class DefaultSamplingApi : ISamplingApi
{
    /// <summary>Seconds a client stays counted after its last report (two 10 s polls).</summary>
    private const double ActiveClientWindowSeconds = 20;

    /// <summary>How long a granted quota stays valid; the service documents about five minutes.</summary>
    private const double QuotaTtlSeconds = 300;

    /// <summary>Seconds until the client should report again.</summary>
    private const int ReportIntervalSeconds = 10;

    private const int MaxStatisticsDocuments = 25;

    private readonly TimeProvider _time;
    private readonly string _ruleArn;
    private readonly ConcurrentDictionary<string, double> _clientsLastSeen = new(StringComparer.Ordinal);

    /// <summary>Creates the source; ARNs use <paramref name="region"/> and <paramref name="accountId"/>.</summary>
    public DefaultSamplingApi(TimeProvider time, string region = "us-east-1", string accountId = "000000000000")
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _ruleArn = $"arn:aws:xray:{region}:{accountId}:sampling-rule/Default";
    }

    /// <summary>Name of the one rule served.</summary>
    public const string RuleName = "Default";

    /// <summary>Requests per second sampled before the fixed rate applies.</summary>
    public const int ReservoirSize = 1;

    /// <summary>Share of further requests sampled.</summary>
    public const double FixedRate = 0.05;

    /// <inheritdoc />
    public ValueTask<byte[]> GetSamplingRulesAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default)
    {
        EnsureObject(requestJson.Span);
        using var buffer = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("SamplingRuleRecords"u8);
            writer.WriteStartObject();
            writer.WriteStartObject("SamplingRule"u8);
            writer.WriteString("RuleName"u8, RuleName);
            writer.WriteString("RuleARN"u8, _ruleArn);
            writer.WriteString("ResourceARN"u8, "*");
            writer.WriteNumber("Priority"u8, 10000);
            writer.WriteNumber("FixedRate"u8, FixedRate);
            writer.WriteNumber("ReservoirSize"u8, ReservoirSize);
            writer.WriteString("ServiceName"u8, "*");
            writer.WriteString("ServiceType"u8, "*");
            writer.WriteString("Host"u8, "*");
            writer.WriteString("HTTPMethod"u8, "*");
            writer.WriteString("URLPath"u8, "*");
            writer.WriteNumber("Version"u8, 1);
            writer.WriteStartObject("Attributes"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteNumber("CreatedAt"u8, 0.0);
            writer.WriteNumber("ModifiedAt"u8, 0.0);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return ValueTask.FromResult(buffer.ToArray());
    }

    /// <inheritdoc />
    public ValueTask<byte[]> GetSamplingTargetsAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var reports = ReadReports(requestJson);
        foreach (var report in reports)
        {
            if (report.ClientId is not null)
            {
                _clientsLastSeen[report.ClientId] = now;
            }
        }

        foreach (var (client, seen) in _clientsLastSeen)
        {
            if (now - seen > ActiveClientWindowSeconds)
            {
                _clientsLastSeen.TryRemove(client, out _);
            }
        }

        var activeClients = Math.Max(1, _clientsLastSeen.Count);
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("SamplingTargetDocuments"u8);
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var report in reports)
            {
                if (report.RuleName != RuleName || !written.Add(report.RuleName))
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("RuleName"u8, RuleName);
                writer.WriteNumber("FixedRate"u8, FixedRate);
                writer.WriteNumber("ReservoirQuota"u8, ReservoirSize / activeClients);
                writer.WriteNumber("ReservoirQuotaTTL"u8, Math.Floor(now) + QuotaTtlSeconds);
                writer.WriteNumber("Interval"u8, ReportIntervalSeconds);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("LastRuleModification"u8, 0.0);
            writer.WriteStartArray("UnprocessedStatistics"u8);
            foreach (var report in reports)
            {
                if (report.RuleName == RuleName)
                {
                    continue;
                }

                // The Go and .NET samplers read a 4xx code as "refresh your rules".
                writer.WriteStartObject();
                writer.WriteString("RuleName"u8, report.RuleName);
                writer.WriteString("ErrorCode"u8, "400");
                writer.WriteString("Message"u8, "Unknown rule.");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return ValueTask.FromResult(buffer.ToArray());
    }

    private static List<(string RuleName, string? ClientId)> ReadReports(ReadOnlyMemory<byte> requestJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(requestJson);
        }
        catch (JsonException ex)
        {
            throw new XRayRequestException("The request body is not valid JSON: " + ex.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new XRayRequestException("The request body must be a JSON object.");
            }

            if (!document.RootElement.TryGetProperty("SamplingStatisticsDocuments", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new XRayRequestException("SamplingStatisticsDocuments is required.");
            }

            if (list.GetArrayLength() > MaxStatisticsDocuments)
            {
                throw new XRayRequestException($"SamplingStatisticsDocuments holds more than {MaxStatisticsDocuments} documents.");
            }

            var reports = new List<(string, string?)>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("RuleName", out var rule) || rule.ValueKind != JsonValueKind.String
                    || string.IsNullOrEmpty(rule.GetString()))
                {
                    throw new XRayRequestException("Every sampling statistics document needs a RuleName.");
                }

                string? client = item.TryGetProperty("ClientID", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                if (client is null || client.Length != 24)
                {
                    throw new XRayRequestException("ClientID must be 24 characters.");
                }

                reports.Add((rule.GetString()!, client));
            }

            return reports;
        }
    }

    private static void EnsureObject(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new XRayRequestException("The request body must be a JSON object.");
            }

            reader.Skip();
        }
        catch (JsonException ex)
        {
            throw new XRayRequestException("The request body is not valid JSON: " + ex.Message);
        }
    }
}
