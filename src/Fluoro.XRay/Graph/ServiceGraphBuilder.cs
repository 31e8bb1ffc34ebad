using System.Text.Json.Nodes;

namespace Fluoro.XRay;

/// <summary>
/// Builds a service graph from assembled traces. A node per service that sent segments (named and typed by the
/// segment's name and origin), a client node in front of each root service, an inferred node for each downstream
/// call nobody answered with a segment; an edge wherever a segment names a caller as its parent. Node statistics
/// come from the node's own entities, edge statistics from the caller's subsegment (the client's view, network
/// included), as X-Ray describes.
/// </summary>
internal sealed class ServiceGraphBuilder
{
    private const string ClientType = "client";

    private readonly Dictionary<GraphNodeKey, NodeAccumulator> _nodes = [];
    private readonly double? _windowStart;
    private readonly double? _windowEnd;

    /// <summary>Counts entities whose end (or start, while in progress) falls in [start, end); null counts everything.</summary>
    public ServiceGraphBuilder(double? windowStart = null, double? windowEnd = null)
    {
        _windowStart = windowStart;
        _windowEnd = windowEnd;
    }

    public int NodeCount => _nodes.Count;

    public void Add(AssembledTrace trace)
    {
        var entities = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in trace.Entries)
        {
            if (!entry.Orphan)
            {
                Index(entry.Node, entities);
            }
        }

        foreach (var entry in trace.Entries)
        {
            if (entry.Orphan)
            {
                continue;
            }

            var key = KeyOf(entry);
            var node = Node(key);
            node.Names.Add(key.Name);
            node.Active |= !entry.Inferred;

            var parentId = (entry.Node["parent_id"] as JsonValue)?.GetValue<string>()?.ToLowerInvariant();
            JsonObject? caller = parentId is not null ? entities.GetValueOrDefault(parentId) : null;
            AssembledEntry? callerOwner = parentId is not null ? trace.OwnerById.GetValueOrDefault(parentId) : null;

            // An inferred node has no data of its own: it is what the caller's subsegment saw.
            var measured = entry.Inferred && caller is not null ? caller : entry.Node;
            var outcome = RequestOutcomes.Of(measured);
            var start = RequestOutcomes.Time(measured, "start_time") ?? entry.StartTime;
            var end = RequestOutcomes.Time(measured, "end_time");
            var counted = InWindow(start, end);
            if (counted)
            {
                node.Statistics.Add(outcome, start, end);
            }

            if (!entry.Inferred && (caller is null || callerOwner is null || callerOwner.Orphan))
            {
                // No caller in the trace: the first service of a request, fronted by its clients.
                node.Root = true;
                var client = Node(new GraphNodeKey(key.Name, ClientType, null));
                client.Names.Add(key.Name);
                client.IsClient = true;
                if (counted)
                {
                    client.Edge(key).Statistics.Add(outcome, start, end);
                }

                continue;
            }

            if (caller is null || callerOwner is null)
            {
                continue;
            }

            // The edge is measured by the caller's subsegment when the caller is one; a segment naming another
            // segment as parent (Lambda's service and function segments) is measured by the callee itself.
            var callerIsSubsegment = !ReferenceEquals(caller, callerOwner.Node);
            var edgeSource = callerIsSubsegment ? caller : entry.Node;
            var edgeStart = RequestOutcomes.Time(edgeSource, "start_time") ?? start;
            var edgeEnd = RequestOutcomes.Time(edgeSource, "end_time");
            var edge = Node(KeyOf(callerOwner)).Edge(key);
            if (InWindow(edgeStart, edgeEnd))
            {
                edge.Statistics.Add(RequestOutcomes.Of(edgeSource), edgeStart, edgeEnd);
            }

            if (callerIsSubsegment && !entry.Inferred && (caller["name"] as JsonValue)?.GetValue<string>() is { } calledAs
                && !string.Equals(calledAs, key.Name, StringComparison.Ordinal))
            {
                edge.Aliases.Add(calledAs);
            }
        }
    }

    /// <summary>The accumulators, for a rollup minute.</summary>
    public GraphRollupState ExportState() => new()
    {
        Nodes = _nodes.Values.Select(static n => new GraphRollupNode
        {
            Name = n.Key.Name,
            Type = n.Key.Type,
            AccountId = n.Key.AccountId,
            Names = n.Names.Order(StringComparer.Ordinal).ToList(),
            Root = n.Root,
            Active = n.Active,
            IsClient = n.IsClient,
            Statistics = n.Statistics.ToState(),
            Edges = n.Edges.Select(static e => new GraphRollupEdge
            {
                Name = e.Key.Name,
                Type = e.Key.Type,
                AccountId = e.Key.AccountId,
                Statistics = e.Value.Statistics.ToState(),
                Aliases = e.Value.Aliases.Order(StringComparer.Ordinal).ToList(),
            }).ToList(),
        }).ToList(),
    };

    /// <summary>Adds a rollup minute's accumulators (or another builder's export) to this builder.</summary>
    public void Merge(GraphRollupState state)
    {
        foreach (var stored in state.Nodes)
        {
            var node = Node(new GraphNodeKey(stored.Name, stored.Type, stored.AccountId));
            node.Names.UnionWith(stored.Names);
            node.Root |= stored.Root;
            node.Active |= stored.Active;
            node.IsClient |= stored.IsClient;
            node.Statistics.Merge(stored.Statistics);
            foreach (var storedEdge in stored.Edges)
            {
                var edge = node.Edge(new GraphNodeKey(storedEdge.Name, storedEdge.Type, storedEdge.AccountId));
                edge.Statistics.Merge(storedEdge.Statistics);
                edge.Aliases.UnionWith(storedEdge.Aliases);
            }
        }
    }

    public IReadOnlyList<GraphService> Build()
    {
        // A node appears only when something of it falls in the window: its own entities, or a counted call to or from it.
        var active = new HashSet<GraphNodeKey>();
        foreach (var (key, node) in _nodes)
        {
            if (!node.Statistics.IsEmpty)
            {
                active.Add(key);
            }

            foreach (var (target, edge) in node.Edges)
            {
                if (!edge.Statistics.IsEmpty)
                {
                    active.Add(key);
                    active.Add(target);
                }
            }
        }

        var ordered = _nodes.Where(n => active.Contains(n.Key))
            .OrderBy(static n => n.Key.Name, StringComparer.Ordinal)
            .ThenBy(static n => n.Key.Type ?? "", StringComparer.Ordinal)
            .ThenBy(static n => n.Key.AccountId ?? "", StringComparer.Ordinal)
            .Select(static n => n.Value)
            .ToList();
        var references = new Dictionary<GraphNodeKey, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            references[ordered[i].Key] = i;
        }

        var services = new List<GraphService>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var node = ordered[i];
            var edges = node.Edges
                .Where(static e => !e.Value.Statistics.IsEmpty)
                .Select(e => new GraphEdge
                {
                    ReferenceId = references[e.Key],
                    StartTime = e.Value.Statistics.StartTime,
                    EndTime = e.Value.Statistics.EndTime,
                    SummaryStatistics = e.Value.Statistics.ToStatistics(),
                    ResponseTimeHistogram = e.Value.Statistics.ResponseTimeHistogram(),
                    Aliases = e.Value.Aliases.Order(StringComparer.Ordinal)
                        .Select(static a => new GraphAlias { Name = a, Names = [a], Type = "remote" }).ToList(),
                })
                .OrderBy(static e => e.ReferenceId)
                .ToList();
            var statistics = node.Statistics;
            services.Add(new GraphService
            {
                ReferenceId = i,
                Name = node.Key.Name,
                Names = node.Names.Order(StringComparer.Ordinal).ToList(),
                Root = node.Root && !node.IsClient ? true : null,
                AccountId = node.Key.AccountId,
                Type = node.Key.Type,
                State = node.Active ? "active" : "unknown",
                StartTime = node.IsClient ? edges.Min(static e => e.StartTime) : statistics.StartTime,
                EndTime = node.IsClient ? edges.Max(static e => e.EndTime) : statistics.EndTime,
                Edges = edges,
                SummaryStatistics = node.IsClient ? null : statistics.ToStatistics(),
                DurationHistogram = node.IsClient ? null : statistics.DurationHistogram(),
                ResponseTimeHistogram = node.IsClient ? null : statistics.ResponseTimeHistogram(),
            });
        }

        return services;
    }

    private bool InWindow(double start, double? end)
    {
        var at = end ?? start;
        return (_windowStart is not { } from || at >= from) && (_windowEnd is not { } to || at < to);
    }

    private NodeAccumulator Node(GraphNodeKey key)
    {
        if (!_nodes.TryGetValue(key, out var node))
        {
            node = new NodeAccumulator(key);
            _nodes[key] = node;
        }

        return node;
    }

    private static GraphNodeKey KeyOf(AssembledEntry entry)
        => new(entry.ServiceName ?? (entry.Node["name"] as JsonValue)?.GetValue<string>() ?? "unknown", entry.ServiceType, entry.AccountId);

    private static void Index(JsonObject node, Dictionary<string, JsonObject> entities)
    {
        if ((node["id"] as JsonValue)?.GetValue<string>() is { } id)
        {
            entities.TryAdd(id.ToLowerInvariant(), node);
        }

        if (node["subsegments"] is JsonArray children)
        {
            foreach (var child in children)
            {
                if (child is JsonObject childObject)
                {
                    Index(childObject, entities);
                }
            }
        }
    }

    private sealed class NodeAccumulator(GraphNodeKey key)
    {
        public GraphNodeKey Key { get; } = key;

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public GraphStatistics Statistics { get; } = new();

        public Dictionary<GraphNodeKey, EdgeAccumulator> Edges { get; } = [];

        public bool Root { get; set; }

        public bool Active { get; set; }

        public bool IsClient { get; set; }

        public EdgeAccumulator Edge(GraphNodeKey target)
        {
            if (!Edges.TryGetValue(target, out var edge))
            {
                edge = new EdgeAccumulator();
                Edges[target] = edge;
            }

            return edge;
        }
    }

    private sealed class EdgeAccumulator
    {
        public GraphStatistics Statistics { get; } = new();

        public HashSet<string> Aliases { get; } = new(StringComparer.Ordinal);
    }
}
