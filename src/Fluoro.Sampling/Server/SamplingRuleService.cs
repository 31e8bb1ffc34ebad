using System.Collections.Frozen;

namespace Fluoro.Sampling;

/// <summary>
/// The server side of X-Ray sampling: holds the rules (Default plus up to 25 custom ones), persists them through an
/// <see cref="ISamplingRuleRepository"/>, and answers GetSamplingRules, CreateSamplingRule, UpdateSamplingRule,
/// DeleteSamplingRule, GetSamplingTargets and GetSamplingStatisticSummaries. Refused requests throw
/// <see cref="SamplingException"/>. Reads are lock-free snapshots; writes are serialised.
/// </summary>
public sealed class SamplingRuleService
{
    private readonly ISamplingRuleRepository _repository;
    private readonly TimeProvider _time;
    private readonly SamplingRuleServiceOptions _options;
    private readonly SamplingTargetEngine _targets;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile Snapshot _snapshot;

    private SamplingRuleService(ISamplingRuleRepository repository, TimeProvider time, SamplingRuleServiceOptions options, SamplingRuleState state)
    {
        _repository = repository;
        _time = time;
        _options = options;
        _targets = new SamplingTargetEngine(options);
        _snapshot = new Snapshot(state);
    }

    /// <summary>An in-memory service holding just the Default rule.</summary>
    public SamplingRuleService(TimeProvider time, SamplingRuleServiceOptions? options = null)
        : this(new InMemorySamplingRuleRepository(), time ?? throw new ArgumentNullException(nameof(time)), options ?? new(), InitialState(time, options ?? new()))
    {
    }

    /// <summary>Loads the saved rules (or starts with Default when nothing is saved).</summary>
    public static async Task<SamplingRuleService> CreateAsync(
        ISamplingRuleRepository repository,
        TimeProvider time,
        SamplingRuleServiceOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(time);
        options ??= new SamplingRuleServiceOptions();
        var state = await repository.LoadAsync(cancellationToken) ?? InitialState(time, options);
        if (!state.Rules.Any(r => r.Record.SamplingRule.RuleName == SamplingRuleValidation.DefaultRuleName))
        {
            state = state with { Rules = [.. state.Rules, DefaultRule(time, options)] };
        }

        return new SamplingRuleService(repository, time, options, state);
    }

    /// <summary>Every rule in evaluation order (priority, then name; Default last).</summary>
    public IReadOnlyList<SamplingRuleRecord> Rules => _snapshot.Records;

    /// <summary>Epoch seconds of the latest create/update/delete.</summary>
    public double LastRuleModification => _snapshot.State.LastRuleModification;

    public SamplingServiceCounters Counters => _targets.Counters;

    private double Now => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    public bool TryGetRule(string nameOrArn, out SamplingRuleRecord? record)
    {
        record = Find(_snapshot, nameOrArn)?.Record;
        return record is not null;
    }

    public GetSamplingRulesResponse GetSamplingRules(GetSamplingRulesRequest? request = null)
    {
        if (!string.IsNullOrEmpty(request?.NextToken))
        {
            // We never hand out tokens: every rule fits in one page.
            throw SamplingException.Invalid("NextToken is not valid.");
        }

        return new GetSamplingRulesResponse { SamplingRuleRecords = _snapshot.Records };
    }

    public async Task<CreateSamplingRuleResponse> CreateSamplingRuleAsync(CreateSamplingRuleRequest request, CancellationToken cancellationToken = default)
    {
        var rule = request?.SamplingRule ?? throw SamplingException.Invalid("SamplingRule is required.");
        var name = SamplingRuleValidation.ResolveName(rule.RuleName, rule.RuleArn, "SamplingRule");
        if (name == SamplingRuleValidation.DefaultRuleName)
        {
            throw SamplingException.Invalid("The rule name 'Default' is reserved.");
        }

        var tags = SamplingRuleValidation.CheckTags(request.Tags);
        var normalized = new SamplingRule
        {
            RuleName = name,
            RuleArn = ArnFor(name),
            ResourceArn = SamplingRuleValidation.RequireString(rule.ResourceArn, "ResourceARN", 500),
            Priority = SamplingRuleValidation.CheckPriority(SamplingRuleValidation.Require(rule.Priority, "Priority")),
            FixedRate = SamplingRuleValidation.CheckFixedRate(SamplingRuleValidation.Require(rule.FixedRate, "FixedRate")),
            ReservoirSize = SamplingRuleValidation.CheckReservoirSize(SamplingRuleValidation.Require(rule.ReservoirSize, "ReservoirSize")),
            ServiceName = SamplingRuleValidation.RequireString(rule.ServiceName, "ServiceName", 64),
            ServiceType = SamplingRuleValidation.RequireString(rule.ServiceType, "ServiceType", 64),
            Host = SamplingRuleValidation.RequireString(rule.Host, "Host", 64),
            HttpMethod = SamplingRuleValidation.RequireString(rule.HttpMethod, "HTTPMethod", 10),
            UrlPath = SamplingRuleValidation.RequireString(rule.UrlPath, "URLPath", 128),
            Version = SamplingRuleValidation.CheckVersion(SamplingRuleValidation.Require(rule.Version, "Version")),
            Attributes = SamplingRuleValidation.CheckAttributes(rule.Attributes),
            SamplingRateBoost = SamplingRuleValidation.CheckBoost(rule.SamplingRateBoost),
        };

        var record = await MutateAsync(
            (snapshot, now) =>
            {
                if (snapshot.ByName.ContainsKey(name))
                {
                    throw SamplingException.Invalid($"A sampling rule named '{name}' already exists.");
                }

                if (snapshot.State.Rules.Count - 1 >= _options.MaxCustomRules)
                {
                    throw new SamplingException(
                        SamplingException.RuleLimitExceeded,
                        $"You have reached the maximum of {_options.MaxCustomRules} sampling rules.");
                }

                var created = new SamplingRuleRecord { SamplingRule = normalized, CreatedAt = now, ModifiedAt = now };
                return ([.. snapshot.State.Rules, new StoredSamplingRule { Record = created, Tags = tags }], created);
            },
            cancellationToken);
        return new CreateSamplingRuleResponse { SamplingRuleRecord = record };
    }

    public async Task<UpdateSamplingRuleResponse> UpdateSamplingRuleAsync(UpdateSamplingRuleRequest request, CancellationToken cancellationToken = default)
    {
        var update = request?.SamplingRuleUpdate ?? throw SamplingException.Invalid("SamplingRuleUpdate is required.");
        var name = SamplingRuleValidation.ResolveName(update.RuleName, update.RuleArn, "SamplingRuleUpdate");
        var record = await MutateAsync(
            (snapshot, now) =>
            {
                var stored = snapshot.ByName.GetValueOrDefault(name) ?? throw NotFound(name);
                var current = stored.Record.SamplingRule;
                if (name == SamplingRuleValidation.DefaultRuleName)
                {
                    RejectDefaultChanges(current, update);
                }

                var changed = current with
                {
                    ResourceArn = update.ResourceArn is null ? current.ResourceArn : SamplingRuleValidation.CheckString(update.ResourceArn, "ResourceARN", 500),
                    Priority = update.Priority is { } p ? SamplingRuleValidation.CheckPriority(p) : current.Priority,
                    FixedRate = update.FixedRate is { } f ? SamplingRuleValidation.CheckFixedRate(f) : current.FixedRate,
                    ReservoirSize = update.ReservoirSize is { } r ? SamplingRuleValidation.CheckReservoirSize(r) : current.ReservoirSize,
                    ServiceName = update.ServiceName is null ? current.ServiceName : SamplingRuleValidation.CheckString(update.ServiceName, "ServiceName", 64),
                    ServiceType = update.ServiceType is null ? current.ServiceType : SamplingRuleValidation.CheckString(update.ServiceType, "ServiceType", 64),
                    Host = update.Host is null ? current.Host : SamplingRuleValidation.CheckString(update.Host, "Host", 64),
                    HttpMethod = update.HttpMethod is null ? current.HttpMethod : SamplingRuleValidation.CheckString(update.HttpMethod, "HTTPMethod", 10),
                    UrlPath = update.UrlPath is null ? current.UrlPath : SamplingRuleValidation.CheckString(update.UrlPath, "URLPath", 128),
                    Attributes = update.Attributes is null ? current.Attributes : SamplingRuleValidation.CheckAttributes(update.Attributes),
                    SamplingRateBoost = update.SamplingRateBoost is null ? current.SamplingRateBoost : SamplingRuleValidation.CheckBoost(update.SamplingRateBoost),
                };
                var updated = stored.Record with { SamplingRule = changed, ModifiedAt = now };
                var rules = snapshot.State.Rules.Select(r => r == stored ? stored with { Record = updated } : r).ToList();
                return (rules, updated);
            },
            cancellationToken);
        return new UpdateSamplingRuleResponse { SamplingRuleRecord = record };
    }

    public async Task<DeleteSamplingRuleResponse> DeleteSamplingRuleAsync(DeleteSamplingRuleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = SamplingRuleValidation.ResolveName(request.RuleName, request.RuleArn, "DeleteSamplingRule");
        if (name == SamplingRuleValidation.DefaultRuleName)
        {
            throw SamplingException.Invalid("The Default sampling rule cannot be deleted.");
        }

        var record = await MutateAsync(
            (snapshot, _) =>
            {
                var stored = snapshot.ByName.GetValueOrDefault(name) ?? throw NotFound(name);
                return (snapshot.State.Rules.Where(r => r != stored).ToList(), stored.Record);
            },
            cancellationToken);
        _targets.Forget(name);
        return new DeleteSamplingRuleResponse { SamplingRuleRecord = record };
    }

    /// <summary>Records the reports and answers with this client's share of each reported rule.</summary>
    public GetSamplingTargetsResponse GetSamplingTargets(GetSamplingTargetsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = _snapshot;
        return _targets.Process(
            request,
            name => snapshot.ByName.GetValueOrDefault(name)?.Record.SamplingRule,
            Now,
            snapshot.State.LastRuleModification);
    }

    /// <summary>The latest 10-second window with reports for each rule, summed over clients.</summary>
    public GetSamplingStatisticSummariesResponse GetSamplingStatisticSummaries(GetSamplingStatisticSummariesRequest? request = null)
    {
        if (!string.IsNullOrEmpty(request?.NextToken))
        {
            throw SamplingException.Invalid("NextToken is not valid.");
        }

        var names = _snapshot.Records.Select(r => r.SamplingRule.RuleName!);
        return new GetSamplingStatisticSummariesResponse { SamplingStatisticSummaries = _targets.Summaries(names) };
    }

    /// <summary>GetSamplingRules from and to JSON bytes (for the HTTP and daemon endpoints).</summary>
    public byte[] GetSamplingRulesJson(ReadOnlySpan<byte> requestJson) =>
        SamplingJson.Serialize(
            GetSamplingRules(SamplingJson.Deserialize(requestJson, SamplingJsonContext.Default.GetSamplingRulesRequest)),
            SamplingJsonContext.Default.GetSamplingRulesResponse);

    /// <summary>GetSamplingTargets from and to JSON bytes (for the HTTP and daemon endpoints).</summary>
    public byte[] GetSamplingTargetsJson(ReadOnlySpan<byte> requestJson) =>
        SamplingJson.Serialize(
            GetSamplingTargets(SamplingJson.Deserialize(requestJson, SamplingJsonContext.Default.GetSamplingTargetsRequest)),
            SamplingJsonContext.Default.GetSamplingTargetsResponse);

    /// <summary>GetSamplingStatisticSummaries from and to JSON bytes.</summary>
    public byte[] GetSamplingStatisticSummariesJson(ReadOnlySpan<byte> requestJson) =>
        SamplingJson.Serialize(
            GetSamplingStatisticSummaries(SamplingJson.Deserialize(requestJson, SamplingJsonContext.Default.GetSamplingStatisticSummariesRequest)),
            SamplingJsonContext.Default.GetSamplingStatisticSummariesResponse);

    /// <summary>CreateSamplingRule from and to JSON bytes.</summary>
    public async Task<byte[]> CreateSamplingRuleJsonAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        SamplingJson.Serialize(
            await CreateSamplingRuleAsync(SamplingJson.Deserialize(requestJson.Span, SamplingJsonContext.Default.CreateSamplingRuleRequest), cancellationToken),
            SamplingJsonContext.Default.CreateSamplingRuleResponse);

    /// <summary>UpdateSamplingRule from and to JSON bytes.</summary>
    public async Task<byte[]> UpdateSamplingRuleJsonAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        SamplingJson.Serialize(
            await UpdateSamplingRuleAsync(SamplingJson.Deserialize(requestJson.Span, SamplingJsonContext.Default.UpdateSamplingRuleRequest), cancellationToken),
            SamplingJsonContext.Default.UpdateSamplingRuleResponse);

    /// <summary>DeleteSamplingRule from and to JSON bytes.</summary>
    public async Task<byte[]> DeleteSamplingRuleJsonAsync(ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default) =>
        SamplingJson.Serialize(
            await DeleteSamplingRuleAsync(SamplingJson.Deserialize(requestJson.Span, SamplingJsonContext.Default.DeleteSamplingRuleRequest), cancellationToken),
            SamplingJsonContext.Default.DeleteSamplingRuleResponse);

    public IReadOnlyList<ResourceTag> GetTags(string ruleNameOrArn) =>
        (Find(_snapshot, ruleNameOrArn) ?? throw NotFound(ruleNameOrArn)).Tags;

    /// <summary>Adds or replaces tags on a rule (TagResource).</summary>
    public Task TagRuleAsync(string ruleNameOrArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default)
    {
        var added = SamplingRuleValidation.CheckTags(tags);
        return MutateTagsAsync(ruleNameOrArn, current =>
        {
            var merged = current.Where(t => !added.Any(a => a.Key == t.Key)).Concat(added).ToList();
            return merged.Count <= 50 ? merged : throw SamplingException.Invalid("A sampling rule can have at most 50 tags.");
        }, cancellationToken);
    }

    /// <summary>Removes tags by key (UntagResource).</summary>
    public Task UntagRuleAsync(string ruleNameOrArn, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return MutateTagsAsync(ruleNameOrArn, current => current.Where(t => !keys.Contains(t.Key!)).ToList(), cancellationToken);
    }

    private async Task MutateTagsAsync(string ruleNameOrArn, Func<IReadOnlyList<ResourceTag>, IReadOnlyList<ResourceTag>> change, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var snapshot = _snapshot;
            var stored = Find(snapshot, ruleNameOrArn) ?? throw NotFound(ruleNameOrArn);
            var rules = snapshot.State.Rules.Select(r => r == stored ? stored with { Tags = change(stored.Tags) } : r).ToList();
            var state = snapshot.State with { Rules = rules };
            await _repository.SaveAsync(state, cancellationToken);
            _snapshot = new Snapshot(state);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<SamplingRuleRecord> MutateAsync(
        Func<Snapshot, double, (List<StoredSamplingRule> Rules, SamplingRuleRecord Result)> change,
        CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var snapshot = _snapshot;
            var now = Math.Max(Now, snapshot.State.LastRuleModification);
            var (rules, result) = change(snapshot, now);
            var state = new SamplingRuleState { Rules = rules, LastRuleModification = now };

            // Persist first: if the save fails, clients keep seeing the old rules and get an error.
            await _repository.SaveAsync(state, cancellationToken);
            _snapshot = new Snapshot(state);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void RejectDefaultChanges(SamplingRule current, SamplingRuleUpdate update)
    {
        // Re-sending the Default rule's current values is harmless; only real changes are refused.
        var changes =
            (update.ResourceArn is not null && update.ResourceArn != current.ResourceArn)
            || (update.Priority is not null && update.Priority != current.Priority)
            || (update.ServiceName is not null && update.ServiceName != current.ServiceName)
            || (update.ServiceType is not null && update.ServiceType != current.ServiceType)
            || (update.Host is not null && update.Host != current.Host)
            || (update.HttpMethod is not null && update.HttpMethod != current.HttpMethod)
            || (update.UrlPath is not null && update.UrlPath != current.UrlPath)
            || update.Attributes is { Count: > 0 };
        if (changes)
        {
            throw SamplingException.Invalid("Only FixedRate and ReservoirSize can be changed on the Default rule.");
        }
    }

    private static SamplingException NotFound(string name) => SamplingException.Invalid($"Sampling rule '{name}' does not exist.");

    private static StoredSamplingRule? Find(Snapshot snapshot, string nameOrArn)
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        if (snapshot.ByName.TryGetValue(nameOrArn, out var byName))
        {
            return byName;
        }

        return snapshot.State.Rules.FirstOrDefault(r => r.Record.SamplingRule.RuleArn == nameOrArn)
            ?? (nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && nameOrArn.Contains(":sampling-rule/", StringComparison.Ordinal)
                ? snapshot.ByName.GetValueOrDefault(nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..])
                : null);
    }

    private string ArnFor(string name) => ArnFor(_options, name);

    private static string ArnFor(SamplingRuleServiceOptions options, string name) =>
        $"arn:aws:xray:{options.Region}:{options.AccountId}:sampling-rule/{name}";

    private static SamplingRuleState InitialState(TimeProvider time, SamplingRuleServiceOptions options)
    {
        var rule = DefaultRule(time, options);
        return new SamplingRuleState { Rules = [rule], LastRuleModification = rule.Record.ModifiedAt };
    }

    private static StoredSamplingRule DefaultRule(TimeProvider time, SamplingRuleServiceOptions options) => new()
    {
        Record = new SamplingRuleRecord
        {
            SamplingRule = new SamplingRule
            {
                RuleName = SamplingRuleValidation.DefaultRuleName,
                RuleArn = ArnFor(options, SamplingRuleValidation.DefaultRuleName),
                ResourceArn = "*",
                Priority = SamplingRuleValidation.DefaultPriority,
                FixedRate = 0.05,
                ReservoirSize = 1,
                ServiceName = "*",
                ServiceType = "*",
                Host = "*",
                HttpMethod = "*",
                UrlPath = "*",
                Version = 1,
                Attributes = new Dictionary<string, string>(StringComparer.Ordinal),
            },
            CreatedAt = 0,
            ModifiedAt = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0,
        },
    };

    /// <summary>An immutable view of the rule set plus the lookups derived from it.</summary>
    private sealed class Snapshot
    {
        public Snapshot(SamplingRuleState state)
        {
            State = state;
            var sorted = state.Rules.ToList();
            sorted.Sort((a, b) => SamplingRuleValidation.Compare(a.Record.SamplingRule, b.Record.SamplingRule));
            Records = [.. sorted.Select(r => r.Record)];
            ByName = state.Rules.ToFrozenDictionary(r => r.Record.SamplingRule.RuleName!, StringComparer.Ordinal);
        }

        public SamplingRuleState State { get; }

        public IReadOnlyList<SamplingRuleRecord> Records { get; }

        public FrozenDictionary<string, StoredSamplingRule> ByName { get; }
    }
}
