using Fluoro.Storage;

namespace Fluoro.XRay;

/// <summary>Computes a <see cref="TraceSummary"/> from an assembled trace's records and entries.</summary>
internal static class TraceSummaryBuilder
{
    /// <summary>Most distinct annotation keys reported per trace (X-Ray's indexing quota).</summary>
    public const int MaxAnnotationKeys = 50;

    public static TraceSummary Build(AssembledTrace trace, double? matchedEventTime)
    {
        var records = trace.Records;
        var segments = trace.Entries.Where(e => !e.Inferred && !e.Orphan).ToList();
        var root = FindRoot(segments, trace.OwnerById);
        var services = new ServiceIdSet();
        foreach (var entry in trace.Entries.Where(e => !e.Orphan))
        {
            services.Get(entry);
        }

        var users = new Dictionary<string, ServiceIdSet>(StringComparer.Ordinal);
        var annotations = new Dictionary<string, List<(SummaryAnnotationValue Value, ServiceIdSet Services)>>(StringComparer.Ordinal);
        var arns = new SortedSet<string>(StringComparer.Ordinal);
        var instances = new SortedSet<string>(StringComparer.Ordinal);
        var zones = new SortedSet<string>(StringComparer.Ordinal);
        var hasThrottle = false;
        var isPartial = false;

        foreach (var record in records)
        {
            var index = record.Index;
            hasThrottle |= index.HasThrottle || index.HttpStatus == 429;
            isPartial |= record.InProgress;
            var owner = trace.OwnerById.TryGetValue(record.Id, out var found) && !found.Orphan ? found : null;
            var ownerService = owner is null ? null : services.Get(owner);

            if (!record.IsSubsegment && !string.IsNullOrEmpty(index.User))
            {
                if (!users.TryGetValue(index.User, out var userServices))
                {
                    users[index.User] = userServices = new ServiceIdSet();
                }

                userServices.Add(ownerService);
            }

            AddIfSet(arns, index.ResourceArn);
            AddIfSet(instances, index.InstanceId);
            AddIfSet(zones, index.AvailabilityZone);

            foreach (var annotation in index.Annotations)
            {
                if (!annotations.TryGetValue(annotation.Key, out var values))
                {
                    if (annotations.Count >= MaxAnnotationKeys)
                    {
                        continue;
                    }

                    annotations[annotation.Key] = values = [];
                }

                var value = new SummaryAnnotationValue
                {
                    StringValue = annotation.StringValue,
                    NumberValue = annotation.NumberValue,
                    BooleanValue = annotation.BooleanValue,
                };
                var slot = values.FindIndex(v => v.Value == value);
                if (slot < 0)
                {
                    values.Add((value, new ServiceIdSet()));
                    slot = values.Count - 1;
                }

                values[slot].Services.Add(ownerService);
            }
        }

        var (faultCauses, errorCauses, responseTimeCauses) = RootCauseAnalyzer.Analyze(trace, root);
        double? startTime = records.Count == 0 ? null : records.Min(r => r.StartTime);
        var rootRecord = root?.Record;
        var rootIndex = rootRecord?.Index;
        return new TraceSummary
        {
            Id = trace.TraceId,
            StartTime = startTime,
            Duration = trace.Duration ?? 0,
            ResponseTime = rootRecord?.EndTime is { } rootEnd ? TraceAssembler.RoundSeconds(rootEnd - rootRecord.StartTime) : null,
            HasFault = rootIndex is not null && (rootIndex.Fault || rootIndex.HttpStatus is >= 500 and <= 599),
            HasError = rootIndex is not null && (rootIndex.Error || rootIndex.HttpStatus is >= 400 and <= 499),
            HasThrottle = hasThrottle,
            IsPartial = isPartial,
            Http = new TraceHttp
            {
                HttpURL = rootIndex?.HttpUrl,
                HttpStatus = rootIndex?.HttpStatus,
                HttpMethod = rootIndex?.HttpMethod,
                UserAgent = rootIndex?.HttpUserAgent,
                ClientIp = rootIndex?.HttpClientIp,
            },
            Annotations = annotations.ToDictionary(
                static p => p.Key,
                static p => (IReadOnlyList<ValueWithServiceIds>)p.Value
                    .Select(v => new ValueWithServiceIds { AnnotationValue = v.Value, ServiceIds = v.Services.ToList() })
                    .ToList(),
                StringComparer.Ordinal),
            Users = users.Select(static p => new TraceUser { UserName = p.Key, ServiceIds = p.Value.ToList() }).ToList(),
            ServiceIds = services.ToList(),
            ResourceARNs = arns.Select(static a => new ResourceArnDetail { ARN = a }).ToList(),
            InstanceIds = instances.Select(static i => new InstanceIdDetail { Id = i }).ToList(),
            AvailabilityZones = zones.Select(static z => new AvailabilityZoneDetail { Name = z }).ToList(),
            EntryPoint = root is null ? null : services.Get(root),
            FaultRootCauses = faultCauses,
            ErrorRootCauses = errorCauses,
            ResponseTimeRootCauses = responseTimeCauses,
            Revision = records.Count,
            MatchedEventTime = matchedEventTime,
        };
    }

    /// <summary>
    /// The root segment: a real segment whose parent is not part of the trace (an upstream caller that is not
    /// traced, or none), earliest start first.
    /// </summary>
    internal static AssembledEntry? FindRoot(IReadOnlyList<AssembledEntry> segments, IReadOnlyDictionary<string, AssembledEntry> owners)
    {
        AssembledEntry? best = null;
        foreach (var entry in segments)
        {
            var parent = entry.Record?.ParentId;
            if (parent is not null && owners.ContainsKey(parent))
            {
                continue;
            }

            if (best is null || entry.StartTime < best.StartTime)
            {
                best = entry;
            }
        }

        return best ?? segments.OrderBy(static s => s.StartTime).FirstOrDefault();
    }

    private static void AddIfSet(SortedSet<string> set, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            set.Add(value);
        }
    }

    /// <summary>Distinct service ids in first-seen order, keyed by (name, type, account).</summary>
    private sealed class ServiceIdSet
    {
        private readonly List<ServiceId> _items = [];
        private readonly Dictionary<(string?, string?, string?), ServiceId> _byKey = [];

        public ServiceId Get(AssembledEntry entry)
        {
            var key = (entry.ServiceName, entry.ServiceType, entry.AccountId);
            if (!_byKey.TryGetValue(key, out var id))
            {
                id = new ServiceId
                {
                    Name = entry.ServiceName,
                    Names = entry.ServiceName is null ? [] : [entry.ServiceName],
                    Type = entry.ServiceType,
                    AccountId = entry.AccountId,
                };
                _byKey[key] = id;
                _items.Add(id);
            }

            return id;
        }

        public void Add(ServiceId? id)
        {
            if (id is not null && _byKey.TryAdd((id.Name, id.Type, id.AccountId), id))
            {
                _items.Add(id);
            }
        }

        public List<ServiceId> ToList() => [.. _items];
    }
}
