using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fluoro.Sdk;

/// <summary>
/// Turns metadata values into JSON without reflection (the SDK is trimming- and AOT-safe): primitives, strings,
/// <see cref="JsonNode"/>, <see cref="JsonElement"/>, and dictionaries/lists of those. Anything else is written as its
/// <c>ToString()</c>.
/// </summary>
internal static class MetadataValues
{
    public static JsonNode? ToNode(object? value, int depth = 0) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonSerializer.SerializeToNode(element, SdkJsonContext.Default.JsonElement),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        float f => JsonValue.Create((double)f),
        decimal m => JsonValue.Create(m),
        Guid g => JsonValue.Create(g.ToString()),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(dt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        System.Collections.IDictionary dictionary when depth < 32 => FromDictionary(dictionary, depth),
        System.Collections.IEnumerable sequence when depth < 32 => FromSequence(sequence, depth),
        _ => JsonValue.Create(value.ToString()),
    };

    private static JsonObject FromDictionary(System.Collections.IDictionary dictionary, int depth)
    {
        var result = new JsonObject();
        foreach (System.Collections.DictionaryEntry entry in dictionary)
        {
            result[entry.Key.ToString() ?? ""] = ToNode(entry.Value, depth + 1);
        }

        return result;
    }

    private static JsonArray FromSequence(System.Collections.IEnumerable sequence, int depth)
    {
        var result = new JsonArray();
        foreach (var item in sequence)
        {
            result.Add(ToNode(item, depth + 1));
        }

        return result;
    }
}
