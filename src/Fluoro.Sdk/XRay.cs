using System.Diagnostics;
using Fluoro.Tracing;

namespace Fluoro.Sdk;

/// <summary>
/// The X-Ray vocabulary over the current <see cref="Activity"/>: subsegments, annotations, metadata, exceptions,
/// fault/error/throttle, user. Calls never throw; without a current entity they do nothing and log one warning
/// (see <see cref="ContextMissingStrategy"/>).
/// </summary>
public static class XRay
{
    /// <summary>Name of the SDK's own <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Fluoro.Sdk";

    /// <summary>Metadata namespace used when none is given.</summary>
    public const string DefaultMetadataNamespace = "default";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(XRay).Assembly.GetName().Version?.ToString());

    private static readonly System.Buffers.SearchValues<char> s_annotationKeyCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static volatile bool s_lambdaMode = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") is { Length: > 0 };

    internal static ContextMissingStrategy ContextMissing { get; set; }

    internal static bool LambdaMode
    {
        get => s_lambdaMode;
        set => s_lambdaMode = value;
    }

    /// <summary>The current trace id in X-Ray form, or null outside a trace.</summary>
    public static string? CurrentTraceId
        => Activity.Current is { } activity ? XRayIds.ToXRayTraceId(activity.TraceId) : LambdaTraceContext.Current?.Root?.ToString();

    /// <summary>
    /// Opens a subsegment under the current entity — in Lambda, under the invocation's <c>Invocation</c> subsegment
    /// named by the trace header. Dispose it to end it.
    /// </summary>
    public static Subsegment BeginSubsegment(string name, ActivityKind kind = ActivityKind.Internal)
    {
        if (Activity.Current is null && LambdaMode)
        {
            var header = LambdaTraceContext.Current;
            if (header?.Root is not { } root || header.Parent is not { } parent)
            {
                FluoroSdkEventSource.Log.ContextMissingOnce(nameof(BeginSubsegment));
                return default;
            }

            var flags = header.Sampled == SamplingDecision.Sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
            var context = new ActivityContext(XRayIds.ToActivityTraceId(root), XRayIds.ToActivitySpanId(parent), flags, isRemote: true);
            return new Subsegment(Source.StartActivity(name, kind, context));
        }

        return new Subsegment(Source.StartActivity(name, kind));
    }

    /// <summary>Adds an indexed annotation to the current entity.</summary>
    public static void AddAnnotation(string key, string value)
    {
        if (value is not null && Annotatable(key) is { } data)
        {
            data.AddAnnotation(key, value);
        }
    }

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public static void AddAnnotation(string key, bool value) => Annotatable(key)?.AddAnnotation(key, value);

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public static void AddAnnotation(string key, double value) => Annotatable(key)?.AddAnnotation(key, value);

    /// <inheritdoc cref="AddAnnotation(string, string)"/>
    public static void AddAnnotation(string key, long value) => Annotatable(key)?.AddAnnotation(key, value);

    /// <summary>Adds unindexed metadata to the current entity under a namespace.</summary>
    public static void AddMetadata(string key, object? value, string nameSpace = DefaultMetadataNamespace)
    {
        if (Current(nameof(AddMetadata)) is { } activity)
        {
            EntityData.For(activity).AddMetadata(nameSpace, key, MetadataValues.ToNode(value));
        }
    }

    /// <summary>Records an exception on the current entity and marks it as a fault.</summary>
    public static void AddException(Exception exception)
    {
        if (exception is not null && Current(nameof(AddException)) is { } activity)
        {
            var data = EntityData.For(activity);
            data.AddException(exception);
            data.Fault = true;
        }
    }

    /// <summary>Marks the current entity as a fault (server error).</summary>
    public static void MarkFault() => Flag(nameof(MarkFault), static d => d.Fault = true);

    /// <summary>Marks the current entity as an error (client error).</summary>
    public static void MarkError() => Flag(nameof(MarkError), static d => d.Error = true);

    /// <summary>Marks the current entity as throttled (also an error, as the other SDKs do).</summary>
    public static void MarkThrottle() => Flag(nameof(MarkThrottle), static d => { d.Throttle = true; d.Error = true; });

    /// <summary>Sets the user of the current segment (indexed: filter <c>user = "…"</c>).</summary>
    public static void SetUser(string user) => Flag(nameof(SetUser), d => d.User = user);

    /// <summary>Records a SQL query on the current subsegment (never include passwords or literal values).</summary>
    public static void SetSql(string sanitizedQuery, string? databaseType = null, string? url = null, string? user = null)
        => Flag(nameof(SetSql), d =>
        {
            d.SetSql("sanitized_query", sanitizedQuery);
            if (databaseType is not null)
            {
                d.SetSql("database_type", databaseType);
            }

            if (url is not null)
            {
                d.SetSql("url", url);
            }

            if (user is not null)
            {
                d.SetSql("user", user);
            }

            d.Namespace ??= "remote";
        });

    /// <summary>Annotation keys X-Ray can index: letters, digits and underscores, at most 500 characters.</summary>
    public static bool IsValidAnnotationKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 500)
        {
            FluoroSdkEventSource.Log.InvalidAnnotationKey(key ?? "");
            return false;
        }

        if (key.AsSpan().ContainsAnyExcept(s_annotationKeyCharacters))
        {
            FluoroSdkEventSource.Log.InvalidAnnotationKey(key);
            return false;
        }

        return true;
    }

    private static EntityData? Annotatable(string key)
        => IsValidAnnotationKey(key) && Current(nameof(AddAnnotation)) is { } activity ? EntityData.For(activity) : null;

    private static void Flag(string operation, Action<EntityData> apply)
    {
        if (Current(operation) is { } activity)
        {
            apply(EntityData.For(activity));
        }
    }

    private static Activity? Current(string operation)
    {
        var activity = Activity.Current;
        if (activity is not null)
        {
            return activity.Recorded ? activity : null;
        }

        if (LambdaMode && LambdaTraceContext.Current is not null)
        {
            // Lambda's own segment belongs to Lambda: the seed says function code cannot modify it.
            FluoroSdkEventSource.Log.LambdaSegmentImmutableOnce(operation);
            return null;
        }

        FluoroSdkEventSource.Log.ContextMissingOnce(operation);
        return null;
    }
}
