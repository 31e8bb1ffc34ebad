using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>
/// Builds the processed view of a trace from its stored records: standalone subsegments are folded under their
/// parent (segment or subsegment, any depth) when it exists, orphans stay separate, and an inferred segment is
/// added for every <c>aws</c>/<c>remote</c> subsegment that no real segment names as its parent.
/// </summary>
internal static class TraceAssembler
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 256 };

    public static AssembledTrace Assemble(string traceId, IReadOnlyList<SegmentRecord> records)
    {
        var entries = new List<AssembledEntry>(records.Count);
        var nodesById = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var pending = new List<(SegmentRecord Record, JsonObject Node)>();

        // Real segments first so that their (possibly embedded) subsegments win id lookups.
        foreach (var record in records.OrderBy(r => r.IsSubsegment).ThenBy(r => r.StartTime))
        {
            if (Parse(record.Document) is not { } node)
            {
                continue;
            }

            Register(node, nodesById);
            if (record.IsSubsegment)
            {
                pending.Add((record, node));
            }
            else
            {
                entries.Add(new AssembledEntry
                {
                    Id = record.Id,
                    Node = node,
                    Record = record,
                    StartTime = record.StartTime,
                    EndTime = record.EndTime,
                    ServiceName = record.Name,
                    ServiceType = record.Origin,
                    AccountId = record.Index.AccountId,
                });
            }
        }

        FoldSubsegments(pending, nodesById);
        foreach (var (record, node) in pending)
        {
            entries.Add(new AssembledEntry
            {
                Id = record.Id,
                Node = node,
                Record = record,
                Orphan = true,
                StartTime = record.StartTime,
                EndTime = record.EndTime,
            });
        }

        var realParents = new HashSet<string>(
            records.Where(r => !r.IsSubsegment && r.ParentId is not null).Select(r => r.ParentId!),
            StringComparer.Ordinal);
        var inferred = new List<AssembledEntry>();
        foreach (var entry in entries)
        {
            AddInferred(traceId, entry.Node, isTopLevelSegment: !entry.Orphan, realParents, inferred);
        }

        entries.AddRange(inferred);
        entries.Sort(static (a, b) =>
        {
            var byStart = a.StartTime.CompareTo(b.StartTime);
            return byStart != 0 ? byStart : a.Inferred.CompareTo(b.Inferred);
        });

        var owners = new Dictionary<string, AssembledEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            MapOwners(entry.Node, entry, owners);
        }

        // Every received document counts (a folded asynchronous subsegment may end after its segment), plus inferred ones.
        double? minStart = null;
        double? maxEnd = null;
        foreach (var (start, finish) in records.Select(static r => (r.StartTime, r.EndTime))
                     .Concat(inferred.Select(static e => (e.StartTime, e.EndTime))))
        {
            minStart = minStart is null ? start : Math.Min(minStart.Value, start);
            if (finish is { } end)
            {
                maxEnd = maxEnd is null ? end : Math.Max(maxEnd.Value, end);
            }
        }

        return new AssembledTrace
        {
            TraceId = traceId,
            Records = records,
            Entries = entries,
            OwnerById = owners,
            Duration = minStart is not null && maxEnd is not null ? RoundSeconds(maxEnd.Value - minStart.Value) : null,
        };
    }

    /// <summary>Clamps to zero and rounds to microseconds, hiding binary noise from subtracting epoch-second doubles.</summary>
    internal static double RoundSeconds(double seconds) => Math.Round(Math.Max(0, seconds), 6);

    /// <summary>Writes a processed document as compact JSON text.</summary>
    public static string ToJson(JsonObject node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonObject? Parse(ReadOnlyMemory<byte> document)
    {
        try
        {
            return JsonNode.Parse(document.Span, documentOptions: DocumentOptions) as JsonObject;
        }
        catch (JsonException)
        {
            // The ingest path validated it; a store that hands back something else is skipped, not fatal.
            return null;
        }
    }

    private static void Register(JsonObject node, Dictionary<string, JsonObject> nodesById)
    {
        if (GetString(node, "id") is { } id)
        {
            nodesById.TryAdd(id.ToLowerInvariant(), node);
        }

        if (node["subsegments"] is JsonArray children)
        {
            foreach (var child in children)
            {
                if (child is JsonObject childObject)
                {
                    Register(childObject, nodesById);
                }
            }
        }
    }

    private static void FoldSubsegments(List<(SegmentRecord Record, JsonObject Node)> pending, Dictionary<string, JsonObject> nodesById)
    {
        bool progress;
        do
        {
            progress = false;
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                var (record, node) = pending[i];
                if (record.ParentId is null
                    || !nodesById.TryGetValue(record.ParentId, out var parent)
                    || IsSelfOrAncestor(node, parent))
                {
                    continue;
                }

                pending.RemoveAt(i);
                progress = true;
                Attach(parent, node);
            }
        }
        while (progress && pending.Count > 0);
    }

    private static void Attach(JsonObject parent, JsonObject child)
    {
        child.Remove("type");
        child.Remove("trace_id");
        child.Remove("parent_id");
        if (parent["subsegments"] is not JsonArray children)
        {
            children = [];
            parent["subsegments"] = children;
        }

        var id = GetString(child, "id");
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is JsonObject existing && string.Equals(GetString(existing, "id"), id, StringComparison.OrdinalIgnoreCase))
            {
                // The same subsegment both embedded and sent on its own: a complete copy beats an in-progress one.
                if (IsInProgress(child) && !IsInProgress(existing))
                {
                    return;
                }

                children[i] = child;
                return;
            }
        }

        children.Add(child);
    }

    private static bool IsSelfOrAncestor(JsonObject candidate, JsonNode node)
    {
        for (JsonNode? current = node; current is not null; current = current.Parent)
        {
            if (ReferenceEquals(current, candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddInferred(string traceId, JsonObject node, bool isTopLevelSegment, HashSet<string> realParents, List<AssembledEntry> inferred)
    {
        if (!isTopLevelSegment && GetString(node, "namespace") is "aws" or "remote"
            && GetString(node, "id") is { } id
            && !realParents.Contains(id.ToLowerInvariant())
            && GetNumber(node, "start_time") is { } start
            && GetNumber(node, "end_time") is { } end)
        {
            inferred.Add(BuildInferred(traceId, node, id.ToLowerInvariant(), start, end));
        }

        if (node["subsegments"] is JsonArray children)
        {
            foreach (var child in children)
            {
                if (child is JsonObject childObject)
                {
                    AddInferred(traceId, childObject, isTopLevelSegment: false, realParents, inferred);
                }
            }
        }
    }

    private static AssembledEntry BuildInferred(string traceId, JsonObject subsegment, string subsegmentId, double start, double end)
    {
        var name = GetString(subsegment, "name") ?? "remote";
        var (serviceName, serviceType, origin) = ClassifyDownstream(subsegment, name);
        var id = InferredId(traceId, subsegmentId);
        var node = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["trace_id"] = traceId,
            ["start_time"] = start,
            ["end_time"] = end,
            ["parent_id"] = subsegmentId,
            ["inferred"] = true,
        };
        if (origin is not null)
        {
            node["origin"] = origin;
        }

        foreach (var member in (ReadOnlySpan<string>)["http", "aws", "sql"])
        {
            if (subsegment[member] is JsonObject value)
            {
                node[member] = value.DeepClone();
            }
        }

        foreach (var flag in (ReadOnlySpan<string>)["error", "throttle", "fault"])
        {
            if (subsegment[flag] is JsonValue value && value.TryGetValue<bool>(out var set) && set)
            {
                node[flag] = true;
            }
        }

        return new AssembledEntry
        {
            Id = id,
            Node = node,
            Inferred = true,
            StartTime = start,
            EndTime = end,
            ServiceName = serviceName,
            ServiceType = serviceType,
            AccountId = subsegment["aws"] is JsonObject aws ? GetString(aws, "account_id") : null,
        };
    }

    /// <summary>Names and types the downstream node of an <c>aws</c>/<c>remote</c> subsegment (resource-specific where identifiable).</summary>
    internal static (string Name, string Type, string? Origin) ClassifyDownstream(JsonObject subsegment, string name)
    {
        if (GetString(subsegment, "namespace") == "remote")
        {
            return subsegment["sql"] is JsonObject ? (name, "Database::SQL", "Database::SQL") : (name, "remote", null);
        }

        var aws = subsegment["aws"] as JsonObject;
        if (aws is not null)
        {
            if (GetString(aws, "table_name") is { Length: > 0 } table)
            {
                return (table, "AWS::DynamoDB::Table", "AWS::DynamoDB::Table");
            }

            if (GetString(aws, "queue_url") is { Length: > 0 } queueUrl)
            {
                var queue = queueUrl.TrimEnd('/');
                queue = queue[(queue.LastIndexOf('/') + 1)..];
                return (queue.Length > 0 ? queue : name, "AWS::SQS::Queue", "AWS::SQS::Queue");
            }

            if (GetString(aws, "bucket_name") is { Length: > 0 } bucket)
            {
                return (bucket, "AWS::S3::Bucket", "AWS::S3::Bucket");
            }

            if (GetString(aws, "function_name") is { Length: > 0 } function)
            {
                return (function, "AWS::Lambda", "AWS::Lambda");
            }
        }

        var type = "AWS::" + name;
        return (name, type, type);
    }

    /// <summary>A stable 16-hex id for the inferred segment of a subsegment, distinct from the subsegment's own id.</summary>
    internal static string InferredId(string traceId, string subsegmentId)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var c in traceId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        foreach (var c in subsegmentId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // splitmix64 finaliser spreads the FNV bits.
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        if (hash == 0)
        {
            hash = 1;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void MapOwners(JsonObject node, AssembledEntry owner, Dictionary<string, AssembledEntry> owners)
    {
        if (GetString(node, "id") is { } id)
        {
            owners.TryAdd(id.ToLowerInvariant(), owner);
        }

        if (node["subsegments"] is JsonArray children)
        {
            foreach (var child in children)
            {
                if (child is JsonObject childObject)
                {
                    MapOwners(childObject, owner, owners);
                }
            }
        }
    }

    private static bool IsInProgress(JsonObject node)
        => GetNumber(node, "end_time") is null && node["in_progress"] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    internal static string? GetString(JsonObject node, string name)
        => node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    internal static double? GetNumber(JsonObject node, string name)
        => node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) ? number : null;
}
