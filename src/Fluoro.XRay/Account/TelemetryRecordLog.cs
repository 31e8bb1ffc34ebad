using System.Text.Json.Nodes;

namespace Fluoro.XRay;

/// <summary>
/// Telemetry the X-Ray daemons report (PutTelemetryRecords): running totals plus the most recent records, bounded,
/// for the health endpoint. Kept in memory; daemons re-report every minute.
/// </summary>
public sealed class TelemetryRecordLog
{
    private const int MaxKept = 100;

    private readonly Lock _gate = new();
    private readonly Queue<JsonObject> _recent = new();
    private long _records;
    private long _received;
    private long _sent;
    private long _spillover;
    private long _rejected;

    /// <summary>Records stored since start.</summary>
    public long RecordCount => Interlocked.Read(ref _records);

    /// <summary>Adds the records of one PutTelemetryRecords call.</summary>
    public void Add(JsonArray records, string? hostname, string? instanceId, string? resourceArn)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            foreach (var node in records)
            {
                if (node is not JsonObject record)
                {
                    throw new XRayRequestException("Each telemetry record must be an object.");
                }

                if (record["Timestamp"] is null)
                {
                    throw new XRayRequestException("Each telemetry record needs a Timestamp.");
                }

                _received += Count(record, "SegmentsReceivedCount");
                _sent += Count(record, "SegmentsSentCount");
                _spillover += Count(record, "SegmentsSpilloverCount");
                _rejected += Count(record, "SegmentsRejectedCount");
                var kept = (JsonObject)record.DeepClone();
                kept["Hostname"] = hostname;
                kept["EC2InstanceId"] = instanceId;
                kept["ResourceARN"] = resourceArn;
                _recent.Enqueue(kept);
                if (_recent.Count > MaxKept)
                {
                    _recent.Dequeue();
                }

                _records++;
            }
        }
    }

    /// <summary>Totals and the latest records, for display.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["records"] = _records,
                ["segmentsReceived"] = _received,
                ["segmentsSent"] = _sent,
                ["segmentsSpillover"] = _spillover,
                ["segmentsRejected"] = _rejected,
                ["latest"] = _recent.LastOrDefault()?.DeepClone(),
            };
        }
    }

    private static long Count(JsonObject record, string name)
        => record[name] is JsonValue value && value.TryGetValue<long>(out var count) && count >= 0 ? count : 0;
}
