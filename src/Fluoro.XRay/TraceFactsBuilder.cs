using System.Text.Json;
using System.Text.Json.Nodes;
using Fluoro.FilterExpressions;
using Fluoro.Tracing;

namespace Fluoro.XRay;

/// <summary>Adapts an assembled trace to the filter evaluator's <see cref="ITraceFacts"/> view.</summary>
internal static class TraceFactsBuilder
{
    public static TraceFacts Build(AssembledTrace trace, TraceSummary summary)
    {
        var all = new List<ISegmentFacts>();

        // Filters see the annotations the store indexed (at most 50 per document, valid keys and scalar values), so that
        // annotation filters mean the same in memory as in the store's pushed-down query.
        var indexed = new HashSet<(string, FilterValue)>();
        foreach (var record in trace.Records)
        {
            foreach (var a in record.Index.Annotations)
            {
                FilterValue? value = a.StringValue is { } text ? FilterValue.From(text)
                    : a.NumberValue is { } number ? FilterValue.From(number)
                    : a.BooleanValue is { } flag ? FilterValue.From(flag)
                    : null;
                if (value is not null)
                {
                    indexed.Add((a.Key, value));
                }
            }
        }

        var factsById = new Dictionary<string, SegmentFacts>(StringComparer.Ordinal);
        var topLevel = new Dictionary<AssembledEntry, SegmentFacts>();
        foreach (var entry in trace.Entries.Where(static e => !e.Inferred))
        {
            topLevel[entry] = Collect(entry.Node, isSubsegment: entry.Orphan, all, factsById, indexed);
        }

        var segments = trace.Entries.Where(static e => !e.Inferred && !e.Orphan).ToList();
        var root = TraceSummaryBuilder.FindRoot(segments, trace.OwnerById);

        // Nodes for real services: every top-level segment of the same (name, type, account).
        var services = new Dictionary<(string?, string?, string?), ServiceNode>();
        ServiceNode NodeOf(AssembledEntry entry)
        {
            var key = (entry.ServiceName, entry.ServiceType, entry.AccountId);
            if (!services.TryGetValue(key, out var node))
            {
                services[key] = node = new ServiceNode(entry.ServiceName ?? string.Empty, entry.ServiceType, entry.AccountId, entry.Inferred);
            }

            return node;
        }

        foreach (var entry in segments)
        {
            var node = NodeOf(entry);
            node.Segments.Add(topLevel[entry]);
            node.IsRoot |= ReferenceEquals(entry, root);
        }

        // Edges follow aws/remote subsegments to the real segment that names them as parent, else to the inferred node.
        var realByParent = segments.Where(static s => s.Record?.ParentId is not null)
            .GroupBy(static s => s.Record!.ParentId!, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => g.First(), StringComparer.Ordinal);
        var inferredByParent = trace.Entries.Where(static e => e.Inferred)
            .ToDictionary(static e => TraceAssembler.GetString(e.Node, "parent_id")!, StringComparer.Ordinal);
        var edges = new Dictionary<(ServiceNode, ServiceNode), List<ISegmentFacts>>();
        foreach (var (id, owner) in trace.OwnerById)
        {
            if (owner.Inferred || owner.Orphan || !factsById.TryGetValue(id, out var call) || !call.IsSubsegment
                || call.Origin is not ("aws" or "remote"))
            {
                continue;
            }

            ServiceNode? destination = null;
            if (realByParent.TryGetValue(id, out var downstream))
            {
                destination = NodeOf(downstream);
            }
            else if (inferredByParent.TryGetValue(id, out var inferred))
            {
                destination = NodeOf(inferred);
                destination.Segments.Add(call);
            }

            if (destination is null)
            {
                continue;
            }

            var source = NodeOf(owner);
            if (!edges.TryGetValue((source, destination), out var calls))
            {
                edges[(source, destination)] = calls = [];
            }

            calls.Add(call);
        }

        return new TraceFacts
        {
            RootSegment = root is null ? null : topLevel[root],
            Duration = summary.Duration,
            IsPartial = summary.IsPartial,
            Segments = all,
            Services = services.Values.Select(static s => (IServiceFacts)s.ToFacts()).ToList(),
            Edges = edges.Select(static e => (IEdgeFacts)new EdgeFacts { Source = e.Key.Item1.ToFacts(), Destination = e.Key.Item2.ToFacts(), Calls = e.Value }).ToList(),
            FaultRootCauses = summary.FaultRootCauses.Select(ToFacts).ToList(),
            ErrorRootCauses = summary.ErrorRootCauses.Select(ToFacts).ToList(),
            ResponseTimeRootCauses = summary.ResponseTimeRootCauses.Select(ToFacts).ToList(),
        };
    }

    private static RootCauseFacts ToFacts(RootCause cause) => new()
    {
        ClientImpacting = cause.ClientImpacting ?? false,
        Services = cause.Services.Select(static s => new RootCauseServiceFacts
        {
            Name = s.Name ?? string.Empty,
            Names = s.Names,
            Type = s.Type,
            AccountId = s.AccountId,
            Inferred = s.Inferred ?? false,
            EntityPath = s.EntityPath.Select(static e => new RootCauseEntityFacts
            {
                Name = e.Name ?? string.Empty,
                Remote = e.Remote ?? false,
                Coverage = e.Coverage,
                Exceptions = (e.Exceptions ?? []).Select(static x => new RootCauseExceptionFacts { Name = x.Name, Message = x.Message }).ToList(),
            }).ToList(),
        }).ToList(),
    };

    private static SegmentFacts Collect(
        JsonObject node, bool isSubsegment, List<ISegmentFacts> all, Dictionary<string, SegmentFacts> byId, HashSet<(string, FilterValue)> indexed)
    {
        var facts = ToFacts(node, isSubsegment, indexed);
        all.Add(facts);
        if (TraceAssembler.GetString(node, "id") is { } id)
        {
            byId.TryAdd(id.ToLowerInvariant(), facts);
        }

        if (node["subsegments"] is JsonArray children)
        {
            foreach (var child in children)
            {
                if (child is JsonObject childObject)
                {
                    Collect(childObject, isSubsegment: true, all, byId, indexed);
                }
            }
        }

        return facts;
    }

    private static SegmentFacts ToFacts(JsonObject node, bool isSubsegment, HashSet<(string, FilterValue)> indexed)
    {
        var http = node["http"] as JsonObject;
        var request = http?["request"] as JsonObject;
        var response = http?["response"] as JsonObject;
        var aws = node["aws"] as JsonObject;
        var ec2 = aws?["ec2"] as JsonObject;
        var annotations = new Dictionary<string, FilterValue>(StringComparer.Ordinal);
        if (node["annotations"] is JsonObject values)
        {
            foreach (var (key, value) in values)
            {
                if (!SegmentDocumentReader.IsValidAnnotationKey(key) || value is not JsonValue scalar)
                {
                    continue;
                }

                switch (scalar.GetValueKind())
                {
                    case JsonValueKind.String:
                        annotations[key] = FilterValue.From(scalar.GetValue<string>());
                        break;
                    case JsonValueKind.Number when scalar.TryGetValue<double>(out var number):
                        annotations[key] = FilterValue.From(number);
                        break;
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                        annotations[key] = FilterValue.From(scalar.GetValueKind() == JsonValueKind.True);
                        break;
                }
            }
        }

        annotations = annotations.Where(p => indexed.Contains((p.Key, p.Value))).ToDictionary(StringComparer.Ordinal);

        // user, resource_arn and aws.ec2 are segment fields (the spec gives subsegments none of them); reading them from
        // segments only keeps these filters equal to the store's index of records' own fields.
        return new SegmentFacts
        {
            Name = TraceAssembler.GetString(node, "name") ?? string.Empty,
            Origin = isSubsegment ? TraceAssembler.GetString(node, "namespace") : TraceAssembler.GetString(node, "origin"),
            IsSubsegment = isSubsegment,
            StartTime = TraceAssembler.GetNumber(node, "start_time") ?? 0,
            EndTime = TraceAssembler.GetNumber(node, "end_time"),
            Fault = IsTrue(node, "fault"),
            Error = IsTrue(node, "error"),
            Throttle = IsTrue(node, "throttle"),
            HttpStatus = response is null ? null : StatusOf(response["status"]),
            HttpUrl = request is null ? null : TraceAssembler.GetString(request, "url"),
            HttpMethod = request is null ? null : TraceAssembler.GetString(request, "method"),
            HttpUserAgent = request is null ? null : TraceAssembler.GetString(request, "user_agent"),
            HttpClientIp = request is null ? null : TraceAssembler.GetString(request, "client_ip"),
            User = isSubsegment ? null : TraceAssembler.GetString(node, "user"),
            AvailabilityZone = isSubsegment || ec2 is null ? null : TraceAssembler.GetString(ec2, "availability_zone"),
            InstanceId = isSubsegment || ec2 is null ? null : TraceAssembler.GetString(ec2, "instance_id"),
            ResourceArn = isSubsegment ? null : TraceAssembler.GetString(node, "resource_arn"),
            AccountId = aws is null ? null : TraceAssembler.GetString(aws, "account_id"),
            Annotations = annotations,
        };
    }

    private static bool IsTrue(JsonObject node, string name)
        => node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    private static int? StatusOf(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<int>(out var status) => status,

            // Same reading as the ingest index: an integral number written with a fraction (500.0) is that status.
            JsonValueKind.Number when value.TryGetValue<double>(out var real) && double.IsFinite(real) && real == Math.Floor(real) && Math.Abs(real) < int.MaxValue => (int)real,
            JsonValueKind.String when int.TryParse(value.GetValue<string>(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private sealed class ServiceNode(string name, string? type, string? accountId, bool inferred)
    {
        private ServiceFacts? _facts;

        public List<ISegmentFacts> Segments { get; } = [];

        public bool IsRoot { get; set; }

        public ServiceFacts ToFacts() => _facts ??= new ServiceFacts
        {
            Name = name,
            Names = name.Length == 0 ? [] : [name],
            Type = type,
            AccountId = accountId,
            IsInferred = inferred,
            IsRoot = IsRoot,
            Segments = Segments,
        };
    }
}
