using System.Globalization;
using System.Text;

namespace Fluoro.XRay.Tests;

/// <summary>Builds small segment documents for tests.</summary>
internal static class Docs
{
    public static ReadOnlyMemory<byte> Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Segment(string traceId, string id, string name, double start, double? end, string extra = "")
        => "{\"trace_id\":\"" + traceId + "\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"start_time\":" + Num(start)
            + (end is { } e ? ",\"end_time\":" + Num(e) : ",\"in_progress\":true") + extra + "}";

    public static string Subsegment(string traceId, string id, string parentId, string name, double start, double? end, string extra = "")
        => "{\"type\":\"subsegment\",\"trace_id\":\"" + traceId + "\",\"parent_id\":\"" + parentId + "\",\"id\":\"" + id + "\",\"name\":\"" + name
            + "\",\"start_time\":" + Num(start) + (end is { } e ? ",\"end_time\":" + Num(e) : ",\"in_progress\":true") + extra + "}";
}
