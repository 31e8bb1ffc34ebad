using System.Globalization;

namespace Fluoro.EndToEnd.Tests;

/// <summary>Fresh X-Ray ids whose epoch part is now, as SDKs make them.</summary>
internal static class TraceIds
{
    public static string NewTraceId() =>
        $"1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Convert.ToHexString(Guid.NewGuid().ToByteArray())[..24].ToLowerInvariant()}";

    public static string NewSegmentId() => Convert.ToHexString(Guid.NewGuid().ToByteArray())[..16].ToLowerInvariant();

    public static string Now(double offsetSeconds = 0) =>
        (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 + offsetSeconds).ToString("0.000", CultureInfo.InvariantCulture);
}
