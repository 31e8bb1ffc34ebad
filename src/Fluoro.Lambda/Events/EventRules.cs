using System.Globalization;
using System.Text;
using System.Text.Json;
using Fluoro.Lambda.Api;
using Fluoro.Lambda.Execution;
using Fluoro.Lambda.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fluoro.Lambda.Events;

/// <summary>
/// The EventBridge subset Lambda triggers need (awsJson1.1, <c>POST /</c> with <c>X-Amz-Target: AWSEvents.*</c>) on
/// the default event bus: PutRule, PutTargets, RemoveTargets, DeleteRule, ListRules, DescribeRule, ListTargetsByRule,
/// EnableRule, DisableRule, PutEvents and TestEventPattern. Enabled scheduled rules invoke their Lambda targets
/// asynchronously with a Scheduled Event payload; PutEvents invokes the targets of every enabled rule whose event
/// pattern matches. Rules persist in the data directory.
/// </summary>
internal sealed class EventRules : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ScheduleRule> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly FunctionStore _store;
    private readonly FunctionRuntime _runtime;
    private readonly EventQueue _events;
    private readonly LambdaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EventRules> _logger;
    private readonly DateTimeOffset _anchor;

    public EventRules(FunctionStore store, FunctionRuntime runtime, EventQueue events, LambdaOptions options, TimeProvider time, ILogger<EventRules> logger)
    {
        _store = store;
        _runtime = runtime;
        _events = events;
        _options = options;
        _time = time;
        _logger = logger;
        _anchor = time.GetUtcNow();
        _path = Path.Combine(store.RootDirectory, "event-rules.json");
        try
        {
            if (File.Exists(_path))
            {
                foreach (var rule in JsonSerializer.Deserialize(File.ReadAllBytes(_path), RulesJsonContext.Default.ListScheduleRule) ?? [])
                {
                    _rules[rule.Name] = rule;
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable rules file must not stop the server.
        }
    }

    public long Fired { get; private set; }

    private string RuleArn(string name) => $"arn:aws:events:{_options.Region}:{_options.AccountId}:rule/{name}";

    private string DefaultBusArn => $"arn:aws:events:{_options.Region}:{_options.AccountId}:event-bus/{DefaultBus}";

    private const string DefaultBus = "default";

    /// <summary>Only the default bus exists: its name or ARN (or nothing) names it; any other bus is not found.</summary>
    private string? UnknownBus(JsonElement element, string property = "EventBusName")
    {
        var bus = Str(element, property);
        return bus is null or DefaultBus || bus == DefaultBusArn ? null : bus;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (!target.StartsWith("AWSEvents.", StringComparison.Ordinal))
        {
            await ErrorAsync(context, "UnknownOperationException", "Unknown operation " + target);
            return;
        }

        var body = await FunctionInstance.ReadBoundedAsync(context.Request, 256 * 1024);
        if (body is null)
        {
            await ErrorAsync(context, "ValidationException", "Request too large.");
            return;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        }
        catch (JsonException)
        {
            await ErrorAsync(context, "SerializationException", "Request body is not valid JSON.");
            return;
        }

        using (doc)
        {
            var root = doc.RootElement;
            var operation = target["AWSEvents.".Length..];
            if (operation is not ("PutEvents" or "TestEventPattern") && UnknownBus(root) is { } bus)
            {
                await ErrorAsync(context, "ResourceNotFoundException", $"Event bus {bus} does not exist.");
                return;
            }

            switch (operation)
            {
                case "PutRule":
                    await PutRuleAsync(context, root);
                    break;
                case "PutTargets":
                    await PutTargetsAsync(context, root);
                    break;
                case "RemoveTargets":
                    await RemoveTargetsAsync(context, root);
                    break;
                case "DeleteRule":
                    await DeleteRuleAsync(context, root);
                    break;
                case "ListRules":
                    await ListRulesAsync(context, root);
                    break;
                case "DescribeRule":
                    await DescribeRuleAsync(context, root);
                    break;
                case "ListTargetsByRule":
                    await ListTargetsAsync(context, root);
                    break;
                case "EnableRule":
                    await SetStateAsync(context, root, "ENABLED");
                    break;
                case "DisableRule":
                    await SetStateAsync(context, root, "DISABLED");
                    break;
                case "PutEvents":
                    await PutEventsAsync(context, root);
                    break;
                case "TestEventPattern":
                    await TestEventPatternAsync(context, root);
                    break;
                default:
                    await ErrorAsync(context, "UnknownOperationException", "Fluoro supports PutRule, PutTargets, RemoveTargets, DeleteRule, ListRules, DescribeRule, ListTargetsByRule, EnableRule, DisableRule, PutEvents, TestEventPattern.");
                    break;
            }
        }
    }

    private async Task PutRuleAsync(HttpContext context, JsonElement root)
    {
        var name = Str(root, "Name");
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            await ErrorAsync(context, "ValidationException", "Rule name must be 1-64 characters of [.\\-_A-Za-z0-9].");
            return;
        }

        var schedule = Str(root, "ScheduleExpression");
        var pattern = Str(root, "EventPattern");
        if (schedule is null && pattern is null)
        {
            await ErrorAsync(context, "ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
            return;
        }

        Schedule? parsed = null;
        if (schedule is not null && !Schedule.TryParse(schedule, out parsed, out var error))
        {
            await ErrorAsync(context, "ValidationException", error!);
            return;
        }

        if (pattern is not null && !EventPattern.TryParse(pattern, out _, out var patternError))
        {
            await ErrorAsync(context, "InvalidEventPatternException", patternError!);
            return;
        }

        var state = Str(root, "State") ?? "ENABLED";
        if (state is not ("ENABLED" or "DISABLED"))
        {
            await ErrorAsync(context, "ValidationException", $"State '{state}' is not valid: use ENABLED or DISABLED.");
            return;
        }

        lock (_lock)
        {
            var targets = _rules.TryGetValue(name, out var existing) ? existing.Targets : [];
            _rules[name] = new ScheduleRule { Name = name, ScheduleExpression = schedule, EventPattern = pattern, State = state, Description = Str(root, "Description") ?? "", Targets = targets };

            // A rate counts from the PutRule that set it, so rate(1 minute) first fires one minute later.
            var created = _time.GetUtcNow();
            _next[name] = parsed?.Next(created, created) ?? DateTimeOffset.MaxValue;
            Save();
        }

        await WriteAsync(context, w => w.WriteString("RuleArn", RuleArn(name)));
    }

    private async Task PutTargetsAsync(HttpContext context, JsonElement root)
    {
        var name = Str(root, "Rule") ?? "";
        var failed = new List<(string Id, string Message)>();
        lock (_lock)
        {
            if (!_rules.TryGetValue(name, out var rule))
            {
                failed.Add(("", ""));
            }
            else if (root.TryGetProperty("Targets", out var targets) && targets.ValueKind == JsonValueKind.Array)
            {
                foreach (var t in targets.EnumerateArray())
                {
                    var id = Str(t, "Id") ?? "";
                    var arn = Str(t, "Arn") ?? "";
                    if (!arn.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) || !FunctionReference.TryParse(arn, out _))
                    {
                        failed.Add((id, "Fluoro schedules can only target Lambda functions."));
                        continue;
                    }

                    rule.Targets.RemoveAll(x => x.Id == id);
                    rule.Targets.Add(new RuleTarget(id, arn, Str(t, "Input")));
                }

                Save();
            }
        }

        if (failed is [("", "")])
        {
            await ErrorAsync(context, "ResourceNotFoundException", $"Rule {name} does not exist on EventBus default.");
            return;
        }

        await WriteAsync(context, w =>
        {
            w.WriteNumber("FailedEntryCount", failed.Count);
            w.WriteStartArray("FailedEntries");
            foreach (var (id, message) in failed)
            {
                w.WriteStartObject();
                w.WriteString("TargetId", id);
                w.WriteString("ErrorCode", "ValidationException");
                w.WriteString("ErrorMessage", message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private async Task RemoveTargetsAsync(HttpContext context, JsonElement root)
    {
        var name = Str(root, "Rule") ?? "";
        lock (_lock)
        {
            if (_rules.TryGetValue(name, out var rule))
            {
                if (root.TryGetProperty("Ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
                {
                    var remove = ids.EnumerateArray().Select(i => i.GetString()).ToHashSet();
                    rule.Targets.RemoveAll(t => remove.Contains(t.Id));
                }

                Save();
                name = "";
            }
        }

        if (name.Length > 0)
        {
            await ErrorAsync(context, "ResourceNotFoundException", $"Rule {name} does not exist on EventBus default.");
            return;
        }

        await WriteAsync(context, w =>
        {
            w.WriteNumber("FailedEntryCount", 0);
            w.WriteStartArray("FailedEntries");
            w.WriteEndArray();
        });
    }

    private async Task DeleteRuleAsync(HttpContext context, JsonElement root)
    {
        var name = Str(root, "Name") ?? "";
        string? error = null;
        lock (_lock)
        {
            if (_rules.TryGetValue(name, out var rule))
            {
                if (rule.Targets.Count > 0)
                {
                    error = "Rule can't be deleted since it has targets.";
                }
                else
                {
                    _rules.Remove(name);
                    _next.Remove(name);
                    Save();
                }
            }
        }

        if (error is not null)
        {
            await ErrorAsync(context, "ValidationException", error);
            return;
        }

        await WriteAsync(context, _ => { });
    }

    private async Task ListRulesAsync(HttpContext context, JsonElement root)
    {
        var prefix = Str(root, "NamePrefix") ?? "";
        var limit = root.TryGetProperty("Limit", out var l) && l.TryGetInt32(out var n) ? Math.Clamp(n, 1, 100) : 100;
        var start = int.TryParse(Str(root, "NextToken"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        List<ScheduleRule> rules;
        lock (_lock)
        {
            rules = [.. _rules.Values.Where(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(r => r.Name, StringComparer.Ordinal)];
        }

        var page = rules.Skip(start).Take(limit).ToList();
        await WriteAsync(context, w =>
        {
            w.WriteStartArray("Rules");
            foreach (var rule in page)
            {
                WriteRule(w, rule);
            }

            w.WriteEndArray();
            if (start + page.Count < rules.Count)
            {
                w.WriteString("NextToken", (start + page.Count).ToString(CultureInfo.InvariantCulture));
            }
        });
    }

    private async Task DescribeRuleAsync(HttpContext context, JsonElement root)
    {
        var name = Str(root, "Name") ?? "";
        ScheduleRule? rule;
        lock (_lock)
        {
            rule = _rules.GetValueOrDefault(name);
        }

        if (rule is null)
        {
            await ErrorAsync(context, "ResourceNotFoundException", $"Rule {name} does not exist on EventBus default.");
            return;
        }

        await WriteAsync(context, w =>
        {
            WriteRuleFields(w, rule);
            w.WriteString("CreatedBy", _options.AccountId);
        });
    }

    private async Task ListTargetsAsync(HttpContext context, JsonElement root)
    {
        var name = Str(root, "Rule") ?? "";
        List<RuleTarget>? targets;
        lock (_lock)
        {
            targets = _rules.TryGetValue(name, out var rule) ? [.. rule.Targets] : null;
        }

        if (targets is null)
        {
            await ErrorAsync(context, "ResourceNotFoundException", $"Rule {name} does not exist on EventBus default.");
            return;
        }

        await WriteAsync(context, w =>
        {
            w.WriteStartArray("Targets");
            foreach (var t in targets)
            {
                w.WriteStartObject();
                w.WriteString("Id", t.Id);
                w.WriteString("Arn", t.Arn);
                if (t.Input is not null)
                {
                    w.WriteString("Input", t.Input);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private async Task SetStateAsync(HttpContext context, JsonElement root, string state)
    {
        var name = Str(root, "Name") ?? "";
        bool found;
        lock (_lock)
        {
            found = _rules.TryGetValue(name, out var rule);
            if (found && rule!.State != state)
            {
                _rules[name] = rule with { State = state };
                if (state == "ENABLED" && rule.ScheduleExpression is not null && Schedule.TryParse(rule.ScheduleExpression, out var schedule, out _))
                {
                    // Firings missed while disabled are not caught up: a rate counts again from the EnableRule.
                    var now = _time.GetUtcNow();
                    _next[name] = schedule!.Next(now, now) ?? DateTimeOffset.MaxValue;
                }

                Save();
            }
        }

        if (!found)
        {
            await ErrorAsync(context, "ResourceNotFoundException", $"Rule {name} does not exist on EventBus default.");
            return;
        }

        await WriteAsync(context, _ => { });
    }

    private async Task PutEventsAsync(HttpContext context, JsonElement root)
    {
        if (!root.TryGetProperty("Entries", out var entries) || entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() is < 1 or > 10)
        {
            await ErrorAsync(context, "ValidationException", "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10.");
            return;
        }

        var now = _time.GetUtcNow();
        var results = new List<(string? EventId, string? Code, string? Message)>();
        foreach (var entry in entries.EnumerateArray())
        {
            var (bytes, code, message) = BuildEvent(entry, now);
            if (bytes is null)
            {
                results.Add((null, code, message));
                continue;
            }

            using var evt = JsonDocument.Parse(bytes);
            results.Add((evt.RootElement.GetProperty("id").GetString(), null, null));
            Route(evt.RootElement, bytes, now);
        }

        await WriteAsync(context, w =>
        {
            w.WriteNumber("FailedEntryCount", results.Count(r => r.Code is not null));
            w.WriteStartArray("Entries");
            foreach (var (eventId, code, message) in results)
            {
                w.WriteStartObject();
                if (eventId is not null)
                {
                    w.WriteString("EventId", eventId);
                }
                else
                {
                    w.WriteString("ErrorCode", code);
                    w.WriteString("ErrorMessage", message);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>The event EventBridge delivers for one PutEvents entry, or the entry's error.</summary>
    private (byte[]? Event, string? Code, string? Message) BuildEvent(JsonElement entry, DateTimeOffset now)
    {
        if (UnknownBus(entry) is { } bus)
        {
            return (null, "ResourceNotFoundException", $"Event bus {bus} does not exist.");
        }

        var source = Str(entry, "Source");
        var detailType = Str(entry, "DetailType");
        var detail = Str(entry, "Detail");
        if (string.IsNullOrEmpty(source) || string.IsNullOrEmpty(detailType) || string.IsNullOrEmpty(detail))
        {
            return (null, "InvalidArgument", "Parameters Source, DetailType and Detail are required.");
        }

        JsonDocument detailDoc;
        try
        {
            detailDoc = JsonDocument.Parse(detail);
        }
        catch (JsonException)
        {
            return (null, "MalformedDetail", "Detail is malformed.");
        }

        using (detailDoc)
        {
            if (detailDoc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "MalformedDetail", "Detail is malformed.");
            }

            var time = entry.TryGetProperty("Time", out var t) && t.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(t.GetDouble() * 1000))
                : entry.TryGetProperty("Time", out t) && t.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : now;
            var bytes = EventEnvelope(detailType, source, time, entry.TryGetProperty("Resources", out var r) && r.ValueKind == JsonValueKind.Array
                ? [.. r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
                : [], detailDoc.RootElement);
            return (bytes, null, null);
        }
    }

    /// <summary>Invokes the targets of every enabled pattern rule that matches <paramref name="evt"/>.</summary>
    private void Route(JsonElement evt, byte[] payload, DateTimeOffset now)
    {
        var matched = new List<ScheduleRule>();
        lock (_lock)
        {
            foreach (var rule in _rules.Values)
            {
                if (rule.State == "ENABLED" && rule.EventPattern is not null && EventPattern.TryParse(rule.EventPattern, out var pattern, out _) && pattern!.Matches(evt))
                {
                    matched.Add(rule);
                }
            }
        }

        if (matched.Count == 0)
        {
            return;
        }

        foreach (var rule in matched)
        {
            foreach (var target in rule.Targets)
            {
                Fire(target, payload, now);
            }
        }
    }

    private async Task TestEventPatternAsync(HttpContext context, JsonElement root)
    {
        var patternText = Str(root, "EventPattern");
        var eventText = Str(root, "Event");
        if (patternText is null || eventText is null)
        {
            await ErrorAsync(context, "ValidationException", "Parameters EventPattern and Event are required.");
            return;
        }

        if (!EventPattern.TryParse(patternText, out var pattern, out var error))
        {
            await ErrorAsync(context, "InvalidEventPatternException", error!);
            return;
        }

        bool result;
        try
        {
            using var evt = JsonDocument.Parse(eventText);
            result = pattern!.Matches(evt.RootElement);
        }
        catch (JsonException)
        {
            await ErrorAsync(context, "InvalidEventPatternException", "Event is not valid JSON.");
            return;
        }

        await WriteAsync(context, w => w.WriteBoolean("Result", result));
    }

    private void WriteRule(Utf8JsonWriter w, ScheduleRule rule)
    {
        w.WriteStartObject();
        WriteRuleFields(w, rule);
        w.WriteEndObject();
    }

    private void WriteRuleFields(Utf8JsonWriter w, ScheduleRule rule)
    {
        w.WriteString("Name", rule.Name);
        w.WriteString("Arn", RuleArn(rule.Name));
        w.WriteString("State", rule.State);
        w.WriteString("Description", rule.Description);
        if (rule.ScheduleExpression is not null)
        {
            w.WriteString("ScheduleExpression", rule.ScheduleExpression);
        }

        if (rule.EventPattern is not null)
        {
            w.WriteString("EventPattern", rule.EventPattern);
        }

        w.WriteString("EventBusName", "default");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    Tick();
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or JsonException)
                {
                    LambdaLog.BackgroundFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Fires every enabled scheduled rule that is due.</summary>
    internal void Tick()
    {
        var now = _time.GetUtcNow();
        var due = new List<ScheduleRule>();
        lock (_lock)
        {
            foreach (var rule in _rules.Values)
            {
                if (rule.State != "ENABLED" || rule.ScheduleExpression is null || !Schedule.TryParse(rule.ScheduleExpression, out var schedule, out _))
                {
                    continue;
                }

                if (!_next.TryGetValue(rule.Name, out var next))
                {
                    _next[rule.Name] = schedule!.Next(now, _anchor) ?? DateTimeOffset.MaxValue;
                    continue;
                }

                if (next <= now)
                {
                    due.Add(rule);

                    // Anchored on the firing just due, so a rate keeps the phase its PutRule gave it.
                    _next[rule.Name] = schedule!.Next(now, next) ?? DateTimeOffset.MaxValue;
                }
            }
        }

        foreach (var rule in due)
        {
            var payload = EventEnvelope("Scheduled Event", "aws.events", now, [RuleArn(rule.Name)], null);
            foreach (var target in rule.Targets)
            {
                Fire(target, payload, now);
            }
        }
    }

    private void Fire(RuleTarget target, byte[] eventPayload, DateTimeOffset now)
    {
        if (!FunctionReference.TryParse(target.Arn, out var reference) || _store.Get(reference.Name) is not { } entry)
        {
            return;
        }

        var config = reference.Qualifier is null or "$LATEST" ? entry.Latest : entry.Versions.FirstOrDefault(v => v.Version == reference.Qualifier)
            ?? entry.Aliases.Where(a => a.Name == reference.Qualifier).Select(a => entry.Versions.FirstOrDefault(v => v.Version == a.FunctionVersion)).FirstOrDefault()
            ?? entry.Latest;
        var payload = target.Input is not null ? Encoding.UTF8.GetBytes(target.Input) : eventPayload;
        var request = new InvokeRequest { Entry = entry, Config = config, InvokedArn = target.Arn, Payload = payload };
        var trace = _runtime.DecideTrace(config, null, now);
        if (_events.TryEnqueue(new EventInvocation(request, Guid.NewGuid().ToString(), trace, now, now)))
        {
            Fired++;
        }
    }

    /// <summary>The event as EventBridge delivers it: the envelope fields around <paramref name="detail"/> (empty when null).</summary>
    private byte[] EventEnvelope(string detailType, string source, DateTimeOffset time, IReadOnlyList<string> resources, JsonElement? detail)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("version", "0");
            w.WriteString("id", Guid.NewGuid().ToString());
            w.WriteString("detail-type", detailType);
            w.WriteString("source", source);
            w.WriteString("account", _options.AccountId);
            w.WriteString("time", time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("region", _options.Region);
            w.WriteStartArray("resources");
            foreach (var resource in resources)
            {
                w.WriteStringValue(resource);
            }

            w.WriteEndArray();
            w.WritePropertyName("detail");
            if (detail is { } d)
            {
                d.WriteTo(w);
            }
            else
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private void Save()
    {
        var temp = _path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(_rules.Values.ToList(), RulesJsonContext.Default.ListScheduleRule));
        File.Move(temp, _path, overwrite: true);
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> fields)
    {
        var bytes = FunctionJson.Write(w =>
        {
            w.WriteStartObject();
            fields(w);
            w.WriteEndObject();
        });
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.Body.WriteAsync(bytes);
    }

    private static async Task ErrorAsync(HttpContext context, string code, string message)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-ErrorType"] = code;
        await context.Response.Body.WriteAsync(FunctionJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("__type", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        }));
    }
}
