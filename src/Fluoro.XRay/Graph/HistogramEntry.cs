namespace Fluoro.XRay;

/// <summary>One histogram bucket: a latency in seconds and how many requests took it.</summary>
public sealed record HistogramEntry
{
    /// <summary>Latency, seconds.</summary>
    public double Value { get; init; }

    /// <summary>Requests with that latency.</summary>
    public long Count { get; init; }
}
