using System.Reflection;
using System.Text.Json;
using Fluoro.Api;
using Fluoro.Daemon;
using Fluoro.Storage;
using Fluoro.XRay;

namespace Fluoro.Server;

/// <summary>Writes the <c>GET /_fluoro/health</c> document: version, endpoints, store, daemon, ingest and API counters.</summary>
internal static class HealthReport
{
    public static string Version { get; } =
        typeof(HealthReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static byte[] Write(Uri edge, ITraceStore store, XRayDaemon daemon, IngestCounters? ingest, ApiCounters? api, TimeSpan retention)
    {
        using var buffer = new MemoryStream(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("status"u8, "ok");
            writer.WriteString("version"u8, Version);

            writer.WriteStartObject("endpoints"u8);
            writer.WriteString("http"u8, edge.ToString().TrimEnd('/'));
            writer.WriteString("daemonUdp"u8, daemon.UdpEndpoint.ToString());
            writer.WriteString("daemonTcp"u8, daemon.TcpEndpoint?.ToString());
            writer.WriteString("awsXrayDaemonAddress"u8, daemon.DaemonAddress);
            writer.WriteEndObject();

            var statistics = store.GetStatistics();
            writer.WriteStartObject("store"u8);
            writer.WriteString("backend"u8, statistics.Backend);
            writer.WriteString("location"u8, statistics.Location);
            writer.WriteNumber("segmentsStored"u8, statistics.SegmentsStored);
            if (statistics.BytesOnDisk is long bytes)
            {
                writer.WriteNumber("bytesOnDisk"u8, bytes);
            }
            else
            {
                writer.WriteNull("bytesOnDisk"u8);
            }

            writer.WriteNumber("retentionDays"u8, retention.TotalDays);
            writer.WriteEndObject();

            var counters = daemon.Counters;
            writer.WriteStartObject("daemon"u8);
            writer.WriteNumber("received"u8, counters.Received);
            writer.WriteNumber("rejected"u8, counters.Rejected);
            writer.WriteNumber("dropped"u8, counters.Dropped);
            writer.WriteNumber("forwarded"u8, counters.Forwarded);
            writer.WriteNumber("stored"u8, counters.Stored);
            writer.WriteNumber("unprocessed"u8, counters.Unprocessed);
            writer.WriteNumber("failed"u8, counters.Failed);
            writer.WriteNumber("batches"u8, counters.Batches);
            writer.WriteNumber("queued"u8, daemon.QueuedDocuments);
            writer.WriteNumber("queuedBytes"u8, daemon.QueuedBytes);
            writer.WriteEndObject();

            if (ingest is not null)
            {
                writer.WriteStartObject("ingest"u8);
                writer.WriteNumber("accepted"u8, ingest.Accepted);
                writer.WriteNumber("rejected"u8, ingest.Rejected);
                writer.WriteNumber("batches"u8, ingest.Batches);
                writer.WriteNumber("annotationsDropped"u8, ingest.AnnotationsDropped);
                writer.WriteNumber("storeFailures"u8, ingest.StoreFailures);
                writer.WriteStartObject("rejectedByCode"u8);
                foreach (var (code, count) in ingest.RejectedByCode)
                {
                    writer.WriteNumber(code, count);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            if (api is not null)
            {
                writer.WriteStartObject("api"u8);
                writer.WriteNumber("putTraceSegmentsRequests"u8, api.PutTraceSegmentsRequests);
                writer.WriteNumber("documentsReceived"u8, api.DocumentsReceived);
                writer.WriteNumber("documentsUnprocessed"u8, api.DocumentsUnprocessed);
                writer.WriteNumber("clientErrors"u8, api.ClientErrors);
                writer.WriteNumber("serverErrors"u8, api.ServerErrors);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
