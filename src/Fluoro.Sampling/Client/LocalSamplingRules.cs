using System.Text.Json;

namespace Fluoro.Sampling;

/// <summary>
/// An SDK local sampling-rules document (spec §11.6), used while no centralized rules are available. Rules are tried
/// in file order and the default applies when none matches. Version 1 files name the host <c>service_name</c>;
/// version 2 files call it <c>host</c>. Rates are fractions (0–1), not percentages.
/// </summary>
public sealed record LocalSamplingRules(int Version, int DefaultFixedTarget, double DefaultRate, IReadOnlyList<LocalSamplingRule> Rules)
{
    /// <summary>The SDKs' built-in default: one request per second, then 5 %.</summary>
    public static LocalSamplingRules Default { get; } = new(2, 1, 0.05, []);

    /// <summary>Reads a local rules file's JSON.</summary>
    /// <exception cref="FormatException">The document is not valid; the message says what is wrong.</exception>
    public static LocalSamplingRules Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException("Sampling rules file is not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Sampling rules file must be a JSON object.");
            }

            if (!root.TryGetProperty("version", out var versionElement) || !versionElement.TryGetInt32(out var version) || version is not (1 or 2))
            {
                throw new FormatException("Sampling rules file needs \"version\": 1 or 2.");
            }

            if (!root.TryGetProperty("default", out var defaultElement) || defaultElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Sampling rules file needs a \"default\" object with \"fixed_target\" and \"rate\".");
            }

            foreach (var property in defaultElement.EnumerateObject())
            {
                if (property.Name is not ("fixed_target" or "rate"))
                {
                    throw new FormatException($"\"default\" has an unknown attribute \"{property.Name}\"; only \"fixed_target\" and \"rate\" are allowed.");
                }
            }

            var (defaultTarget, defaultRate) = (FixedTarget(defaultElement, "default"), Rate(defaultElement, "default"));
            var rules = new List<LocalSamplingRule>();
            if (root.TryGetProperty("rules", out var rulesElement))
            {
                if (rulesElement.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException("\"rules\" must be an array.");
                }

                var hostName = version == 1 ? "service_name" : "host";
                var index = 0;
                foreach (var rule in rulesElement.EnumerateArray())
                {
                    var where = $"rules[{index++}]";
                    if (rule.ValueKind != JsonValueKind.Object)
                    {
                        throw new FormatException($"{where} must be an object.");
                    }

                    rules.Add(new LocalSamplingRule(
                        RequiredString(rule, hostName, where),
                        RequiredString(rule, "http_method", where),
                        RequiredString(rule, "url_path", where),
                        FixedTarget(rule, where),
                        Rate(rule, where),
                        rule.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String ? description.GetString() : null));
                }
            }

            return new LocalSamplingRules(version, defaultTarget, defaultRate, rules);
        }
    }

    private static string RequiredString(JsonElement rule, string name, string where) =>
        rule.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"{where} needs a string \"{name}\".");

    private static int FixedTarget(JsonElement rule, string where) =>
        rule.TryGetProperty("fixed_target", out var value) && value.TryGetInt32(out var target) && target >= 0
            ? target
            : throw new FormatException($"{where} needs a whole, non-negative \"fixed_target\".");

    private static double Rate(JsonElement rule, string where) =>
        rule.TryGetProperty("rate", out var value) && value.TryGetDouble(out var rate) && rate is >= 0 and <= 1
            ? rate
            : throw new FormatException($"{where} needs a \"rate\" between 0 and 1.");
}
