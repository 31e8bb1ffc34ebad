using System.Diagnostics;

namespace Fluoro.Sdk;

/// <summary>
/// A subsegment opened by <see cref="XRay.BeginSubsegment"/>; ends when disposed. When the request is not sampled
/// (or tracing is off) it records nothing and every call is a cheap no-op.
/// </summary>
public readonly struct Subsegment : IDisposable
{
    internal Subsegment(Activity? activity) => Activity = activity;

    /// <summary>The underlying Activity, or null when nothing is recorded.</summary>
    public Activity? Activity { get; }

    /// <summary>True when this subsegment will be sent.</summary>
    public bool IsRecorded => Activity is { Recorded: true };

    /// <summary>Adds an indexed annotation (searchable with <c>annotation.KEY</c>).</summary>
    public Subsegment AddAnnotation(string key, string value) => Annotate(key, value);

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public Subsegment AddAnnotation(string key, bool value) => Annotate(key, value);

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public Subsegment AddAnnotation(string key, double value) => Annotate(key, value);

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public Subsegment AddAnnotation(string key, long value) => Annotate(key, value);

    /// <summary>Adds unindexed metadata under a namespace (default <c>default</c>).</summary>
    public Subsegment AddMetadata(string key, object? value, string nameSpace = XRay.DefaultMetadataNamespace)
    {
        if (Activity is { } activity)
        {
            EntityData.For(activity).AddMetadata(nameSpace, key, MetadataValues.ToNode(value));
        }

        return this;
    }

    /// <summary>Records an exception and marks the subsegment as a fault.</summary>
    public Subsegment AddException(Exception exception)
    {
        if (Activity is { } activity)
        {
            var data = EntityData.For(activity);
            data.AddException(exception);
            data.Fault = true;
        }

        return this;
    }

    /// <summary>Ends the subsegment.</summary>
    public void Dispose() => Activity?.Dispose();

    private Subsegment Annotate(string key, object value)
    {
        if (Activity is { } activity && XRay.IsValidAnnotationKey(key))
        {
            EntityData.For(activity).AddAnnotation(key, value);
        }

        return this;
    }
}
