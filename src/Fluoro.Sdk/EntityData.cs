using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Fluoro.Sdk;

/// <summary>
/// The X-Ray-specific data recorded on one Activity (annotations, metadata, flags, user, SQL). Instances are pooled:
/// one is rented when an Activity first gets X-Ray data, hung off the Activity as a single tag (one tag node, no
/// per-Activity dictionary), and returned once the exporter has written the document. Annotation values are kept
/// unboxed. Written by the recording thread, read by the exporter only after the Activity stopped.
/// </summary>
internal sealed class EntityData
{
    /// <summary>The tag that carries the data; the document writer skips it.</summary>
    public const string TagName = "fluoro.xray";

    private const int MaxPoolSize = 1 << 16;

    // Sized by the sender to its queue (see ReservePool): every entity waiting to be sent can come back.
    private static volatile EntityDataPool s_pool = new(1024);

    private Annotation[] _annotations = new Annotation[4];

    /// <summary>The Activity this instance belongs to until it is returned to the pool.</summary>
    public Activity? Owner { get; private set; }

    public int AnnotationCount { get; private set; }

    public ReadOnlySpan<Annotation> Annotations => _annotations.AsSpan(0, AnnotationCount);

    public Dictionary<string, Dictionary<string, JsonNode?>>? Metadata { get; private set; }

    public List<Exception>? Exceptions { get; private set; }

    public Dictionary<string, string>? Sql { get; private set; }

    public string? User { get; set; }

    public bool Fault { get; set; }

    public bool Error { get; set; }

    public bool Throttle { get; set; }

    public string? Namespace { get; set; }

    public static EntityData? Find(Activity activity)
        => activity.GetTagItem(TagName) is EntityData data && ReferenceEquals(data.Owner, activity) ? data : null;

    public static EntityData For(Activity activity)
    {
        if (Find(activity) is { } existing)
        {
            return existing;
        }

        var created = Rent();
        created.Owner = activity;
        activity.SetTag(TagName, created);
        return created;
    }

    /// <summary>Gives the data of a finished, written (or dropped) Activity (see <see cref="Find"/>) back to the pool.</summary>
    public static void Release(EntityData? data)
    {
        if (data is null)
        {
            return;
        }

        data.Clear();
        s_pool.TryGive(data);
    }

    /// <summary>
    /// Makes room in the pool for <paramref name="capacity"/> instances (at most 65,536), so that every entity a full
    /// send queue holds can be reused rather than collected and allocated again.
    /// </summary>
    public static void ReservePool(int capacity)
    {
        capacity = Math.Min(capacity, MaxPoolSize);
        if (s_pool.Capacity < capacity)
        {
            s_pool = new EntityDataPool(capacity);
        }
    }

    private static EntityData Rent() => s_pool.TryTake() ?? new EntityData();

    private void Clear()
    {
        Owner = null;
        Array.Clear(_annotations, 0, AnnotationCount);
        AnnotationCount = 0;
        Metadata = null;
        Exceptions = null;
        Sql = null;
        User = null;
        Namespace = null;
        Fault = Error = Throttle = false;
    }

    public void AddAnnotation(string key, string value) => Set(new Annotation(key, AnnotationKind.String, 0, value));

    public void AddAnnotation(string key, bool value) => Set(new Annotation(key, AnnotationKind.Boolean, value ? 1 : 0, null));

    public void AddAnnotation(string key, long value) => Set(new Annotation(key, AnnotationKind.Integer, value, null));

    public void AddAnnotation(string key, double value) => Set(new Annotation(key, AnnotationKind.Double, BitConverter.DoubleToInt64Bits(value), null));

    private void Set(in Annotation annotation)
    {
        var annotations = _annotations;
        for (var i = 0; i < AnnotationCount; i++)
        {
            if (annotations[i].Key == annotation.Key)
            {
                annotations[i] = annotation;
                return;
            }
        }

        if (AnnotationCount == annotations.Length)
        {
            Array.Resize(ref _annotations, annotations.Length * 2);
        }

        _annotations[AnnotationCount++] = annotation;
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

    public override string ToString() => "X-Ray data";
}
