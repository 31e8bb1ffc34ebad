using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Fluoro.Sdk;

/// <summary>
/// The X-Ray-specific data recorded on one Activity (annotations, metadata, flags, user, SQL), kept as a custom
/// property so that nothing is lost to tag coercion. Owned by its Activity; written by the recording thread and read
/// by the exporter only after the Activity stopped.
/// </summary>
internal sealed class EntityData
{
    private const string PropertyName = "fluoro.xray";

    public List<KeyValuePair<string, object>>? Annotations { get; private set; }

    public Dictionary<string, Dictionary<string, JsonNode?>>? Metadata { get; private set; }

    public List<Exception>? Exceptions { get; private set; }

    public Dictionary<string, string>? Sql { get; private set; }

    public string? User { get; set; }

    public bool Fault { get; set; }

    public bool Error { get; set; }

    public bool Throttle { get; set; }

    public string? Namespace { get; set; }

    public static EntityData? Find(Activity activity) => activity.GetCustomProperty(PropertyName) as EntityData;

    public static EntityData For(Activity activity)
    {
        if (activity.GetCustomProperty(PropertyName) is EntityData existing)
        {
            return existing;
        }

        var created = new EntityData();
        activity.SetCustomProperty(PropertyName, created);
        return created;
    }

    public void AddAnnotation(string key, object value)
    {
        var list = Annotations ??= [];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Key == key)
            {
                list[i] = new(key, value);
                return;
            }
        }

        list.Add(new(key, value));
    }

    public void AddMetadata(string nameSpace, string key, JsonNode? value)
    {
        Metadata ??= new(StringComparer.Ordinal);
        if (!Metadata.TryGetValue(nameSpace, out var entries))
        {
            entries = new(StringComparer.Ordinal);
            Metadata[nameSpace] = entries;
        }

        entries[key] = value;
    }

    public void AddException(Exception exception) => (Exceptions ??= []).Add(exception);

    public void SetSql(string key, string value) => (Sql ??= new(StringComparer.Ordinal))[key] = value;
}
