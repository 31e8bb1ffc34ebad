using System.Diagnostics;

namespace Fluoro.Sdk;

/// <summary>
/// A subsegment opened by <see cref="XRay.BeginSubsegment"/>; ends when disposed. When the request is not sampled
/// (or tracing is off) it records nothing and every call is a cheap no-op.
/// </summary>
public readonly struct Subsegment : IDisposable
{
    // The entity data of Activity once an annotation or metadata created it, so that a chain of calls looks it up once.
    private readonly EntityData? _data;

    internal Subsegment(Activity? activity) => Activity = activity;

    private Subsegment(Activity activity, EntityData data)
    {
        Activity = activity;
        _data = data;
    }

    /// <summary>The underlying Activity, or null when nothing is recorded.</summary>
    public Activity? Activity { get; }

    /// <summary>True when this subsegment will be sent.</summary>
    public bool IsRecorded => Activity is { Recorded: true };

    /// <summary>Adds an indexed annotation (searchable with <c>annotation.KEY</c>).</summary>
    public Subsegment AddAnnotation(string key, string value)
    {
        if (value is not null && Annotatable(key) is { } data)
        {
            data.AddAnnotation(key, value);
            return new Subsegment(Activity!, data);
        }

        return this;
    }

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public Subsegment AddAnnotation(string key, bool value)
    {
        if (Annotatable(key) is { } data)
        {
            data.AddAnnotation(key, value);
            return new Subsegment(Activity!, data);
        }

        return this;
    }

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public Subsegment AddAnnotation(string key, double value)
    {
        if (Annotatable(key) is { } data)
        {
            data.AddAnnotation(key, value);
            return new Subsegment(Activity!, data);
        }

        return this;
    }

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public Subsegment AddAnnotation(string key, long value)
    {
        if (Annotatable(key) is { } data)
        {
            data.AddAnnotation(key, value);
            return new Subsegment(Activity!, data);
        }

        return this;
    }

    /// <summary>Adds unindexed metadata under a namespace (default <c>default</c>).</summary>
    public Subsegment AddMetadata(string key, object? value, string nameSpace = XRay.DefaultMetadataNamespace)
    {
        if (Activity is { } activity)
        {
            var data = Data(activity);
            data.AddMetadata(nameSpace, key, MetadataValues.ToNode(value));
            return new Subsegment(activity, data);
        }

        return this;
    }

    /// <summary>Records an exception and marks the subsegment as a fault.</summary>
    public Subsegment AddException(Exception exception)
    {
        if (Activity is { } activity)
        {
            var data = Data(activity);
            data.AddException(exception);
            data.Fault = true;
            return new Subsegment(activity, data);
        }

        return this;
    }

    /// <summary>Ends the subsegment.</summary>
    public void Dispose() => Activity?.Dispose();

    private EntityData? Annotatable(string key)
        => Activity is { Recorded: true } activity && XRay.IsValidAnnotationKey(key) ? Data(activity) : null;

    private EntityData Data(Activity activity)
        => _data is { } data && ReferenceEquals(data.Owner, activity) ? data : EntityData.For(activity);
}
