namespace Fluoro.Sdk;

/// <summary>What a recording call does when there is no current segment or subsegment (<c>AWS_XRAY_CONTEXT_MISSING</c>).</summary>
public enum ContextMissingStrategy
{
    /// <summary>Log one warning and do nothing (the default; never throws into the application).</summary>
    LogError = 0,

    /// <summary>Do nothing, silently.</summary>
    IgnoreError,
}
