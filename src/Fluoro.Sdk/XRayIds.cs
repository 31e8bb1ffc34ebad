using System.Diagnostics;
using Fluoro.Tracing;

namespace Fluoro.Sdk;

/// <summary>Converts between W3C Activity ids and X-Ray ids (the X-Ray trace id is the W3C id with its epoch prefix split out).</summary>
public static class XRayIds
{
    /// <summary>A W3C trace id whose first 32 bits are the current epoch second, as X-Ray requires.</summary>
    public static ActivityTraceId NewActivityTraceId(TimeProvider timeProvider) => ToActivityTraceId(TraceId.NewId(timeProvider));

    /// <summary>The W3C form of an X-Ray trace id.</summary>
    public static ActivityTraceId ToActivityTraceId(TraceId traceId) => ActivityTraceId.CreateFromString(traceId.ToW3CString());

    /// <summary>The Activity form of a segment id.</summary>
    public static ActivitySpanId ToActivitySpanId(SegmentId segmentId) => ActivitySpanId.CreateFromString(segmentId.ToString());

    /// <summary>The X-Ray form (<c>1-xxxxxxxx-yyyy…</c>) of a W3C trace id.</summary>
    public static string ToXRayTraceId(ActivityTraceId traceId)
        => TraceId.TryFromW3C(traceId.ToHexString(), out var id) ? id.ToString() : traceId.ToHexString();

    /// <summary>The <c>X-Amzn-Trace-Id</c> value for calls made from <paramref name="activity"/>.</summary>
    public static string ToTraceHeader(Activity activity)
        => $"Root={ToXRayTraceId(activity.TraceId)};Parent={activity.SpanId.ToHexString()};Sampled={(activity.Recorded ? '1' : '0')}";
}
