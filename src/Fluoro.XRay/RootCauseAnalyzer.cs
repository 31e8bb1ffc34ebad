using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fluoro.XRay;

/// <summary>
/// Computes fault, error and response-time root causes of a trace (spec §10.6). Fault/error: follow the flagged
/// path from the root segment to the deepest flagged entity, crossing into a downstream service whenever a remote
/// call's real segment carries the flag too. Response time: from the root, keep descending into the child that
/// covers the largest share of its parent's time while it covers at least half of it.
/// </summary>
internal sealed class RootCauseAnalyzer
{
    private const double ResponseTimeShare = 0.5;

    private readonly AssembledTrace _trace;
    private readonly Dictionary<string, AssembledEntry> _downstreamByCaller;
    private readonly Dictionary<string, AssembledEntry> _inferredByCaller;
    private readonly Dictionary<string, (string? Type, string? Message)> _exceptionsById = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<JsonObject> _segmentNodes = new(ReferenceEqualityComparer.Instance);

    private RootCauseAnalyzer(AssembledTrace trace)
    {
        _trace = trace;
        _downstreamByCaller = trace.Entries
            .Where(static e => !e.Inferred && !e.Orphan && e.Record?.ParentId is not null)
            .GroupBy(static e => e.Record!.ParentId!, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => g.OrderBy(static e => e.StartTime).First(), StringComparer.Ordinal);
        _inferredByCaller = trace.Entries
            .Where(static e => e.Inferred && TraceAssembler.GetString(e.Node, "parent_id") is not null)
            .ToDictionary(static e => TraceAssembler.GetString(e.Node, "parent_id")!, StringComparer.Ordinal);
        foreach (var entry in trace.Entries)
        {
            IndexExceptions(entry.Node);
            if (!entry.Inferred && !entry.Orphan)
            {
                _segmentNodes.Add(entry.Node);
            }
        }
    }

    public static (IReadOnlyList<RootCause> Fault, IReadOnlyList<RootCause> Error, IReadOnlyList<RootCause> ResponseTime) Analyze(AssembledTrace trace, AssembledEntry? root)
    {
        if (root is null)
        {
            return ([], [], []);
        }

        var analyzer = new RootCauseAnalyzer(trace);
        return (analyzer.Flagged(root, "fault"), analyzer.Flagged(root, "error"), analyzer.Slowest(root));
    }

    private IReadOnlyList<RootCause> Flagged(AssembledEntry root, string flag)
    {
        if (!HasFlagBelow(root.Node, flag, depth: 0))
        {
            return [];
        }

        var services = new List<RootCauseService>();
        var service = root;
        var path = new List<RootCauseEntity>();
        var node = root.Node;
        var remote = false;
        JsonObject? causeHolder = null;
        for (var guard = 0; guard < 1000; guard++)
        {
            if (node["cause"] is not null)
            {
                causeHolder = node;
            }

            JsonObject? next = null;
            foreach (var child in Children(node))
            {
                if (HasFlagBelow(child, flag, depth: 0))
                {
                    next = child;
                    break;
                }
            }

            if (next is null && DirectDownstream(node) is { } direct && HasFlagBelow(direct.Node, flag, depth: 0))
            {
                // Segment-to-segment link (Lambda's AWS::Lambda -> AWS::Lambda::Function): the cause is downstream.
                path.Add(Entity(node, remote, exceptions: null));
                services.Add(Service(service, path));
                service = direct;
                path = [];
                node = direct.Node;
                remote = false;
                causeHolder = null;
                continue;
            }

            if (next is null)
            {
                // A flagged leaf without its own cause (Lambda's Invocation) reports the cause recorded above it.
                var exceptions = Exceptions(node);
                if (exceptions.Count == 0 && causeHolder is not null)
                {
                    exceptions = Exceptions(causeHolder);
                }

                path.Add(Entity(node, remote, exceptions));
                break;
            }

            path.Add(Entity(node, remote, exceptions: null));
            if (IsDownstreamCall(next) && Downstream(next) is { } downstream && HasFlagBelow(downstream.Node, flag, depth: 0))
            {
                // The call's own service carries the flag: the cause lives there; the caller's path ends at the call.
                path.Add(Entity(next, remote: true, exceptions: null));
                services.Add(Service(service, path));
                service = downstream;
                path = [];
                node = downstream.Node;
                remote = false;
                causeHolder = null;
                continue;
            }

            remote = IsDownstreamCall(next);
            node = next;
        }

        services.Add(Service(service, path));
        AddInferredTail(services, node, rootDuration: null);
        return [new RootCause { Services = services, ClientImpacting = IsTrue(root.Node, flag) }];
    }

    private IReadOnlyList<RootCause> Slowest(AssembledEntry root)
    {
        var rootDuration = Duration(root.Node);
        if (rootDuration is not > 0)
        {
            return [];
        }

        var services = new List<RootCauseService>();
        var service = root;
        var path = new List<RootCauseEntity> { CoverageEntity(root.Node, rootDuration.Value, remote: false) };
        var node = root.Node;
        for (var guard = 0; guard < 1000; guard++)
        {
            var parentDuration = Duration(node) ?? 0;
            JsonObject? slowest = null;
            var slowestDuration = 0.0;
            foreach (var child in Children(node))
            {
                if (Duration(child) is { } d && d > slowestDuration)
                {
                    slowest = child;
                    slowestDuration = d;
                }
            }

            if (slowest is null && DirectDownstream(node) is { } direct && Duration(direct.Node) is { } directDuration
                && parentDuration > 0 && directDuration >= parentDuration * ResponseTimeShare)
            {
                services.Add(Service(service, path));
                service = direct;
                path = [CoverageEntity(direct.Node, rootDuration.Value, remote: false)];
                node = direct.Node;
                continue;
            }

            if (slowest is null || parentDuration <= 0 || slowestDuration < parentDuration * ResponseTimeShare)
            {
                break;
            }

            var isCall = IsDownstreamCall(slowest);
            path.Add(CoverageEntity(slowest, rootDuration.Value, remote: isCall));
            if (isCall && Downstream(slowest) is { } downstream && Duration(downstream.Node) is { } downstreamDuration
                && downstreamDuration >= slowestDuration * ResponseTimeShare)
            {
                services.Add(Service(service, path));
                service = downstream;
                path = [CoverageEntity(downstream.Node, rootDuration.Value, remote: false)];
                node = downstream.Node;
                continue;
            }

            node = slowest;
        }

        services.Add(Service(service, path));
        AddInferredTail(services, node, rootDuration);
        return [new RootCause { Services = services, ClientImpacting = true }];
    }

    /// <summary>A path that ends in a call to an un-instrumented service continues into that inferred service.</summary>
    private void AddInferredTail(List<RootCauseService> services, JsonObject last, double? rootDuration)
    {
        if (!IsDownstreamCall(last) || TraceAssembler.GetString(last, "id") is not { } id
            || !_inferredByCaller.TryGetValue(id.ToLowerInvariant(), out var inferred))
        {
            return;
        }

        RootCauseEntity entity = rootDuration is { } total
            ? new RootCauseEntity { Name = inferred.ServiceName, Coverage = Math.Round(Math.Min(1, (Duration(inferred.Node) ?? 0) / total), 6), Remote = false }
            : new RootCauseEntity { Name = inferred.ServiceName, Exceptions = [], Remote = false };
        services.Add(Service(inferred, [entity]));
    }

    private bool HasFlagBelow(JsonObject node, string flag, int depth)
    {
        if (depth > 256)
        {
            return false;
        }

        if (IsTrue(node, flag)
            || (IsDownstreamCall(node) && Downstream(node) is { } downstream && HasFlagBelow(downstream.Node, flag, depth + 1))
            || (DirectDownstream(node) is { } direct && HasFlagBelow(direct.Node, flag, depth + 1)))
        {
            return true;
        }

        foreach (var child in Children(node))
        {
            if (HasFlagBelow(child, flag, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<JsonObject> Children(JsonObject node)
        => node["subsegments"] is JsonArray children ? children.OfType<JsonObject>() : [];

    private AssembledEntry? Downstream(JsonObject call)
        => TraceAssembler.GetString(call, "id") is { } id && _downstreamByCaller.TryGetValue(id.ToLowerInvariant(), out var entry) ? entry : null;

    /// <summary>
    /// A real segment named as the parent of another service's segment with no subsegment in between, as Lambda
    /// records its AWS::Lambda segment above the AWS::Lambda::Function segment.
    /// </summary>
    private AssembledEntry? DirectDownstream(JsonObject node)
        => _segmentNodes.Contains(node) && Downstream(node) is { } entry && !ReferenceEquals(entry.Node, node) ? entry : null;

    private static bool IsDownstreamCall(JsonObject node) => TraceAssembler.GetString(node, "namespace") is "aws" or "remote";

    private static RootCauseService Service(AssembledEntry entry, List<RootCauseEntity> path) => new()
    {
        Name = entry.ServiceName,
        Names = entry.ServiceName is null ? [] : [entry.ServiceName],
        Type = entry.ServiceType,
        AccountId = entry.AccountId,
        EntityPath = path,
        Inferred = entry.Inferred,
    };

    private static RootCauseEntity Entity(JsonObject node, bool remote, List<RootCauseException>? exceptions) => new()
    {
        Name = TraceAssembler.GetString(node, "name"),
        Exceptions = exceptions ?? [],
        Remote = remote || (exceptions?.Count > 0 && RemoteException(node)),
    };

    private static RootCauseEntity CoverageEntity(JsonObject node, double rootDuration, bool remote) => new()
    {
        Name = TraceAssembler.GetString(node, "name"),
        Coverage = Math.Round(Math.Min(1, (Duration(node) ?? 0) / rootDuration), 6),
        Remote = remote,
    };

    private List<RootCauseException> Exceptions(JsonObject node)
    {
        var result = new List<RootCauseException>();
        switch (node["cause"])
        {
            case JsonObject cause when cause["exceptions"] is JsonArray exceptions:
                foreach (var exception in exceptions.OfType<JsonObject>())
                {
                    result.Add(new RootCauseException { Name = TraceAssembler.GetString(exception, "type"), Message = TraceAssembler.GetString(exception, "message") });
                }

                break;
            case JsonValue reference when reference.GetValueKind() == JsonValueKind.String
                && _exceptionsById.TryGetValue(reference.GetValue<string>(), out var found):
                result.Add(new RootCauseException { Name = found.Type, Message = found.Message });
                break;
        }

        return result;
    }

    private static bool RemoteException(JsonObject node)
        => node["cause"] is JsonObject cause && cause["exceptions"] is JsonArray exceptions
            && exceptions.OfType<JsonObject>().Any(static e => IsTrue(e, "remote"));

    private void IndexExceptions(JsonObject node)
    {
        if (node["cause"] is JsonObject cause && cause["exceptions"] is JsonArray exceptions)
        {
            foreach (var exception in exceptions.OfType<JsonObject>())
            {
                if (TraceAssembler.GetString(exception, "id") is { } id)
                {
                    _exceptionsById.TryAdd(id, (TraceAssembler.GetString(exception, "type"), TraceAssembler.GetString(exception, "message")));
                }
            }
        }

        foreach (var child in Children(node))
        {
            IndexExceptions(child);
        }
    }

    private static double? Duration(JsonObject node)
        => TraceAssembler.GetNumber(node, "start_time") is { } start && TraceAssembler.GetNumber(node, "end_time") is { } end ? Math.Max(0, end - start) : null;

    private static bool IsTrue(JsonObject node, string name)
        => node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;
}
