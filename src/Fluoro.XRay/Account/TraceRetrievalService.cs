using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>
/// Trace retrieval (StartTraceRetrieval, ListRetrievedTraces, GetRetrievedTracesGraph, CancelTraceRetrieval).
/// Fluoro stores every trace itself, so a retrieval completes at once: the token remembers which traces were asked
/// for and the reads go to the store. Tokens live in memory for a day.
/// </summary>
public sealed class TraceRetrievalService
{
    private const int MaxTraceIds = 100;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(1);

    private readonly ITraceReader _reader;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Retrieval> _retrievals = new(StringComparer.Ordinal);

    /// <summary>Creates the service over a store.</summary>
    public TraceRetrievalService(ITraceReader reader, TimeProvider time)
    {
        _reader = reader;
        _time = time;
    }

    /// <summary>StartTraceRetrieval: returns the RetrievalToken.</summary>
    public JsonObject Start(JsonArray? traceIds, double? startTime, double? endTime)
    {
        if (traceIds is not { Count: > 0 } || traceIds.Count > MaxTraceIds)
        {
            throw new XRayRequestException($"TraceIds must hold 1 to {MaxTraceIds} trace ids.");
        }

        if (startTime is not { } start || endTime is not { } end || start >= end)
        {
            throw new XRayRequestException("StartTime and EndTime are required, with StartTime before EndTime.");
        }

        var ids = traceIds.Select(static n => n?.GetValue<string>())
            .Select(static id => Tracing.TraceId.TryParse(id, out var parsed) ? parsed.ToString() : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Expire();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _retrievals[token] = new Retrieval(ids, _time.GetUtcNow());
        return new JsonObject { ["RetrievalToken"] = token };
    }

    /// <summary>CancelTraceRetrieval.</summary>
    public void Cancel(string? token) => Find(token).Cancelled = true;

    /// <summary>ListRetrievedTraces: the traces, each document as a span (XRAY format).</summary>
    public async ValueTask<JsonObject> ListAsync(string? token, string? format, CancellationToken cancellationToken)
    {
        var retrieval = Find(token);
        if (format is not (null or "XRAY" or "OTEL"))
        {
            throw new XRayRequestException("TraceFormat must be XRAY or OTEL.");
        }

        if (retrieval.Cancelled)
        {
            return new JsonObject { ["RetrievalStatus"] = "CANCELLED", ["TraceFormat"] = format ?? "XRAY", ["Traces"] = new JsonArray() };
        }

        var traces = new JsonArray();
        var found = await _reader.GetTracesAsync(retrieval.TraceIds, cancellationToken);
        foreach (var id in retrieval.TraceIds)
        {
            if (!found.TryGetValue(id, out var records))
            {
                continue;
            }

            var assembled = TraceAssembler.Assemble(id, records);
            traces.Add(new JsonObject
            {
                ["Id"] = id,
                ["Duration"] = assembled.Duration ?? 0,
                ["Spans"] = new JsonArray([.. assembled.Entries.Select(static e => new JsonObject { ["Id"] = e.Id, ["Document"] = TraceAssembler.ToJson(e.Node) })]),
            });
        }

        return new JsonObject { ["RetrievalStatus"] = "COMPLETE", ["TraceFormat"] = format ?? "XRAY", ["Traces"] = traces };
    }

    /// <summary>GetRetrievedTracesGraph: the service graph of the retrieved traces.</summary>
    public async ValueTask<JsonObject> GraphAsync(string? token, CancellationToken cancellationToken)
    {
        var retrieval = Find(token);
        var builder = new ServiceGraphBuilder();
        if (!retrieval.Cancelled)
        {
            foreach (var (id, records) in await _reader.GetTracesAsync(retrieval.TraceIds, cancellationToken))
            {
                builder.Add(TraceAssembler.Assemble(id, records));
            }
        }

        var services = new JsonArray();
        foreach (var service in builder.Build())
        {
            services.Add(new JsonObject
            {
                ["Service"] = System.Text.Json.JsonSerializer.SerializeToNode(service, XRayGraphJsonContext.Default.GraphService),
                ["Links"] = new JsonArray(),
            });
        }

        return new JsonObject { ["RetrievalStatus"] = retrieval.Cancelled ? "CANCELLED" : "COMPLETE", ["Services"] = services };
    }

    private Retrieval Find(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new XRayRequestException("RetrievalToken is required.");
        }

        return _retrievals.TryGetValue(token, out var retrieval)
            ? retrieval
            : throw new XRayRequestException(XRayRequestException.ResourceNotFound, "No retrieval has this token.");
    }

    private void Expire()
    {
        var cutoff = _time.GetUtcNow() - TokenLifetime;
        foreach (var (token, retrieval) in _retrievals)
        {
            if (retrieval.CreatedAt < cutoff)
            {
                _retrievals.TryRemove(token, out _);
            }
        }
    }

    private sealed class Retrieval(IReadOnlyList<string> traceIds, DateTimeOffset createdAt)
    {
        public IReadOnlyList<string> TraceIds { get; } = traceIds;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public bool Cancelled { get; set; }
    }
}
