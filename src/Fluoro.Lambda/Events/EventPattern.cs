using System.Text.Json;

namespace Fluoro.Lambda.Events;

/// <summary>
/// An EventBridge event pattern: an object whose fields mirror the event's; every field named must match (nested
/// objects recurse), and a field matches when any entry of its array does. An entry is an exact value (string,
/// number, true/false, null) or a filter: <c>{"prefix"}</c>, <c>{"suffix"}</c>, <c>{"equals-ignore-case"}</c>,
/// <c>{"anything-but"}</c> (a value, a list, or a prefix/suffix filter), <c>{"numeric": [op, n, …]}</c> and
/// <c>{"exists": bool}</c>. An array in the event matches when any of its elements does.
/// </summary>
internal sealed class EventPattern
{
    private readonly JsonElement _root;

    private EventPattern(JsonElement root) => _root = root;

    public static bool TryParse(string json, out EventPattern? pattern, out string? error)
    {
        pattern = null;
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            error = "Event pattern is not valid. Reason: " + ex.Message;
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any())
        {
            error = "Event pattern is not valid. Reason: the pattern must be a non-empty JSON object.";
            return false;
        }

        error = ValidateObject(root);
        if (error is not null)
        {
            error = "Event pattern is not valid. Reason: " + error;
            return false;
        }

        pattern = new EventPattern(root);
        return true;
    }

    public bool Matches(JsonElement evt) => MatchObject(_root, evt);

    private static string? ValidateObject(JsonElement pattern)
    {
        foreach (var field in pattern.EnumerateObject())
        {
            var error = field.Value.ValueKind switch
            {
                JsonValueKind.Object => ValidateObject(field.Value),
                JsonValueKind.Array => field.Value.EnumerateArray().Select(ValidateEntry).FirstOrDefault(e => e is not null),
                _ => $"Match value for '{field.Name}' must be an array or an object.",
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? ValidateEntry(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return entry.ValueKind == JsonValueKind.Array ? "Match values cannot be nested arrays." : null;
        }

        var filters = entry.EnumerateObject().ToList();
        if (filters.Count != 1)
        {
            return "A filter object must have exactly one key.";
        }

        var (name, value) = (filters[0].Name, filters[0].Value);
        return name switch
        {
            "prefix" or "suffix" or "equals-ignore-case" => value.ValueKind == JsonValueKind.String ? null : $"'{name}' takes a string.",
            "exists" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "'exists' takes true or false.",
            "anything-but" => ValidateAnythingBut(value),
            "numeric" => ParseNumeric(value, out _) ? null : "'numeric' takes operator/number pairs: [\">\", 0, \"<=\", 5].",
            _ => $"Unrecognized match type {name}.",
        };
    }

    private static string? ValidateAnythingBut(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String or JsonValueKind.Number => null,
        JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number) => null,
        JsonValueKind.Object when value.EnumerateObject().Count() == 1
            && value.EnumerateObject().First() is { Name: "prefix" or "suffix", Value.ValueKind: JsonValueKind.String } => null,
        _ => "'anything-but' takes a value, a list of values, or a prefix/suffix filter.",
    };

    private static bool MatchObject(JsonElement pattern, JsonElement evt)
    {
        foreach (var field in pattern.EnumerateObject())
        {
            JsonElement value = default;
            var present = evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty(field.Name, out value);
            if (field.Value.ValueKind == JsonValueKind.Object)
            {
                if (!present || !MatchObject(field.Value, value))
                {
                    return false;
                }

                continue;
            }

            if (!MatchField(field.Value, present ? value : (JsonElement?)null))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchField(JsonElement entries, JsonElement? value)
    {
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("exists", out var exists))
            {
                // An empty array in the event counts as absent, as for every other match.
                var isPresent = value is { } v && !(v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0) && v.ValueKind != JsonValueKind.Object;
                if (isPresent == exists.GetBoolean())
                {
                    return true;
                }

                continue;
            }

            if (value is not { } actual)
            {
                continue;
            }

            if (actual.ValueKind == JsonValueKind.Array ? actual.EnumerateArray().Any(a => MatchEntry(entry, a)) : MatchEntry(entry, actual))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchEntry(JsonElement entry, JsonElement actual)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return SameValue(entry, actual);
        }

        var filter = entry.EnumerateObject().First();
        var text = actual.ValueKind == JsonValueKind.String ? actual.GetString()! : null;
        switch (filter.Name)
        {
            case "prefix":
                return text is not null && text.StartsWith(filter.Value.GetString()!, StringComparison.Ordinal);
            case "suffix":
                return text is not null && text.EndsWith(filter.Value.GetString()!, StringComparison.Ordinal);
            case "equals-ignore-case":
                return text is not null && string.Equals(text, filter.Value.GetString(), StringComparison.OrdinalIgnoreCase);
            case "numeric":
                return actual.ValueKind == JsonValueKind.Number && ParseNumeric(filter.Value, out var conditions)
                    && conditions.All(c => Compare(actual.GetDouble(), c.Op, c.Value));
            case "anything-but":
                var but = filter.Value;
                return but.ValueKind switch
                {
                    JsonValueKind.Array => !but.EnumerateArray().Any(b => SameValue(b, actual)),
                    JsonValueKind.Object => text is not null && !MatchEntry(but, actual),
                    _ => !SameValue(but, actual),
                };
            default:
                return false;
        }
    }

    private static bool SameValue(JsonElement expected, JsonElement actual) => expected.ValueKind switch
    {
        JsonValueKind.String => actual.ValueKind == JsonValueKind.String && actual.GetString() == expected.GetString(),
        JsonValueKind.Number => actual.ValueKind == JsonValueKind.Number && actual.GetDouble() == expected.GetDouble(),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => actual.ValueKind == expected.ValueKind,
        _ => false,
    };

    private static bool ParseNumeric(JsonElement value, out List<(string Op, double Value)> conditions)
    {
        conditions = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var items = value.EnumerateArray().ToList();
        if (items.Count is not (2 or 4) || items.Count % 2 != 0)
        {
            return false;
        }

        for (var i = 0; i < items.Count; i += 2)
        {
            if (items[i].ValueKind != JsonValueKind.String || items[i].GetString() is not ("=" or "<" or "<=" or ">" or ">=")
                || items[i + 1].ValueKind != JsonValueKind.Number)
            {
                return false;
            }

            conditions.Add((items[i].GetString()!, items[i + 1].GetDouble()));
        }

        return true;
    }

    private static bool Compare(double actual, string op, double bound) => op switch
    {
        "=" => actual == bound,
        "<" => actual < bound,
        "<=" => actual <= bound,
        ">" => actual > bound,
        ">=" => actual >= bound,
        _ => false,
    };
}
