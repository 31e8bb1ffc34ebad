using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fluoro.XRay;

/// <summary>
/// The account-level settings of the X-Ray API that Fluoro stores but does not act on: encryption config, trace
/// segment destination, indexing rule and resource policies. Persisted to one JSON file (atomically) when a path
/// is given, so they read back as written after a restart.
/// </summary>
public sealed class XRayAccountSettings
{
    private const int MaxPolicies = 5;
    private const int MaxPolicyBytes = 5 * 1024;

    private readonly string? _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly JsonObject _state;

    /// <summary>Opens the settings, reading <paramref name="path"/> when it exists.</summary>
    public XRayAccountSettings(string? path, TimeProvider time)
    {
        _path = path;
        _time = time;
        _state = path is not null && File.Exists(path) && JsonNode.Parse(File.ReadAllBytes(path)) is JsonObject saved ? saved : [];
    }

    /// <summary>GetEncryptionConfig: <c>{"EncryptionConfig": {...}}</c>.</summary>
    public JsonObject GetEncryptionConfig()
    {
        lock (_gate)
        {
            var config = (_state["EncryptionConfig"]?.DeepClone() as JsonObject) ?? new JsonObject { ["Type"] = "NONE" };
            config["Status"] = "ACTIVE";
            return new JsonObject { ["EncryptionConfig"] = config };
        }
    }

    /// <summary>PutEncryptionConfig: <c>Type</c> NONE or KMS (KMS needs a KeyId).</summary>
    public JsonObject PutEncryptionConfig(string? type, string? keyId)
    {
        if (type is not ("NONE" or "KMS"))
        {
            throw new XRayRequestException("Type must be NONE or KMS.");
        }

        if (type == "KMS" && string.IsNullOrEmpty(keyId))
        {
            throw new XRayRequestException("KeyId is required when Type is KMS.");
        }

        if (keyId is { Length: > 3000 })
        {
            throw new XRayRequestException("KeyId must be at most 3000 characters.");
        }

        lock (_gate)
        {
            var config = new JsonObject { ["Type"] = type };
            if (type == "KMS")
            {
                config["KeyId"] = keyId;
            }

            _state["EncryptionConfig"] = config;
            Save();
            var answer = (JsonObject)config.DeepClone();
            answer["Status"] = "UPDATING";
            return new JsonObject { ["EncryptionConfig"] = answer };
        }
    }

    /// <summary>GetTraceSegmentDestination.</summary>
    public JsonObject GetTraceSegmentDestination()
    {
        lock (_gate)
        {
            return new JsonObject { ["Destination"] = _state["Destination"]?.GetValue<string>() ?? "XRay", ["Status"] = "ACTIVE" };
        }
    }

    /// <summary>UpdateTraceSegmentDestination: <c>XRay</c> or <c>CloudWatchLogs</c> (recorded; Fluoro keeps storing traces itself).</summary>
    public JsonObject UpdateTraceSegmentDestination(string? destination)
    {
        if (destination is not (null or "XRay" or "CloudWatchLogs"))
        {
            throw new XRayRequestException("Destination must be XRay or CloudWatchLogs.");
        }

        lock (_gate)
        {
            _state["Destination"] = destination ?? "XRay";
            Save();
            return new JsonObject { ["Destination"] = destination ?? "XRay", ["Status"] = "ACTIVE" };
        }
    }

    /// <summary>GetIndexingRules: the one <c>Default</c> rule.</summary>
    public JsonObject GetIndexingRules()
    {
        lock (_gate)
        {
            return new JsonObject { ["IndexingRules"] = new JsonArray(IndexingRule()) };
        }
    }

    /// <summary>UpdateIndexingRule: only <c>Default</c> exists; its desired percentage is 0–100.</summary>
    public JsonObject UpdateIndexingRule(string? name, JsonObject? rule)
    {
        if (name != "Default")
        {
            throw new XRayRequestException(XRayRequestException.ResourceNotFound, $"Indexing rule not found: {name}.");
        }

        if (rule?["Probabilistic"]?["DesiredSamplingPercentage"] is not JsonValue desired
            || !desired.TryGetValue<double>(out var percentage) || percentage is < 0 or > 100)
        {
            throw new XRayRequestException("Rule.Probabilistic.DesiredSamplingPercentage must be between 0 and 100.");
        }

        lock (_gate)
        {
            _state["IndexingPercentage"] = percentage;
            _state["IndexingModifiedAt"] = Now();
            Save();
            return new JsonObject { ["IndexingRule"] = IndexingRule() };
        }
    }

    /// <summary>PutResourcePolicy, with revision checks and the 5-policy, 5 KB limits.</summary>
    public JsonObject PutResourcePolicy(string? name, string? document, string? revisionId)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128)
        {
            throw new XRayRequestException("PolicyName must be 1 to 128 characters.");
        }

        if (string.IsNullOrEmpty(document) || System.Text.Encoding.UTF8.GetByteCount(document) > MaxPolicyBytes)
        {
            throw new XRayRequestException("PolicySizeLimitExceededException", "PolicyDocument must be at most 5 KB.");
        }

        try
        {
            using var parsed = JsonDocument.Parse(document);
        }
        catch (JsonException)
        {
            throw new XRayRequestException("MalformedPolicyDocumentException", "PolicyDocument is not valid JSON.");
        }

        lock (_gate)
        {
            var policies = Policies();
            var existing = policies[name] as JsonObject;
            if (existing is not null && revisionId is not null && revisionId != existing["PolicyRevisionId"]?.GetValue<string>())
            {
                throw new XRayRequestException("InvalidPolicyRevisionIdException", "The policy revision id does not match.");
            }

            if (existing is null && policies.Count >= MaxPolicies)
            {
                throw new XRayRequestException("PolicyCountLimitExceededException", $"At most {MaxPolicies} resource policies are allowed.");
            }

            var policy = new JsonObject
            {
                ["PolicyName"] = name,
                ["PolicyDocument"] = document,
                ["PolicyRevisionId"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                ["LastUpdatedTime"] = Now(),
            };
            policies[name] = policy;
            Save();
            return new JsonObject { ["ResourcePolicy"] = policy.DeepClone() };
        }
    }

    /// <summary>ListResourcePolicies.</summary>
    public JsonObject ListResourcePolicies()
    {
        lock (_gate)
        {
            return new JsonObject { ["ResourcePolicies"] = new JsonArray([.. Policies().Select(static p => p.Value!.DeepClone())]) };
        }
    }

    /// <summary>DeleteResourcePolicy (a missing policy is not an error, as in AWS).</summary>
    public void DeleteResourcePolicy(string? name, string? revisionId)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new XRayRequestException("PolicyName is required.");
        }

        lock (_gate)
        {
            var policies = Policies();
            if (policies[name] is JsonObject existing)
            {
                if (revisionId is not null && revisionId != existing["PolicyRevisionId"]?.GetValue<string>())
                {
                    throw new XRayRequestException("InvalidPolicyRevisionIdException", "The policy revision id does not match.");
                }

                policies.Remove(name);
                Save();
            }
        }
    }

    private JsonObject IndexingRule() => new()
    {
        ["Name"] = "Default",
        ["ModifiedAt"] = _state["IndexingModifiedAt"]?.GetValue<double>() ?? 0.0,
        ["Rule"] = new JsonObject
        {
            ["Probabilistic"] = new JsonObject
            {
                ["DesiredSamplingPercentage"] = _state["IndexingPercentage"]?.GetValue<double>() ?? 100.0,
                ["ActualSamplingPercentage"] = _state["IndexingPercentage"]?.GetValue<double>() ?? 100.0,
            },
        },
    };

    private JsonObject Policies()
    {
        if (_state["ResourcePolicies"] is not JsonObject policies)
        {
            policies = [];
            _state["ResourcePolicies"] = policies;
        }

        return policies;
    }

    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private void Save()
    {
        if (_path is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, _state.ToJsonString());
        File.Move(temporary, _path, overwrite: true);
    }
}
