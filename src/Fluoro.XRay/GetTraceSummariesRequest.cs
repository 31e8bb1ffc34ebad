namespace Fluoro.XRay;

/// <summary>Body of <c>POST /TraceSummaries</c> (GetTraceSummaries). Timestamps are epoch seconds (int or float).</summary>
public sealed record GetTraceSummariesRequest
{
    /// <summary>Window start, inclusive (required).</summary>
    public double? StartTime { get; init; }

    /// <summary>Window end, exclusive (required).</summary>
    public double? EndTime { get; init; }

    /// <summary><c>TraceId</c> (default), <c>Event</c> or <c>Service</c>.</summary>
    public string? TimeRangeType { get; init; }

    /// <summary>Return only a sample of matching traces.</summary>
    public bool? Sampling { get; init; }

    /// <summary>How to sample when <see cref="Sampling"/> is true.</summary>
    public SamplingStrategy? SamplingStrategy { get; init; }

    /// <summary>Filter expression; null or empty matches every trace.</summary>
    public string? FilterExpression { get; init; }

    /// <summary>Token from the previous page.</summary>
    public string? NextToken { get; init; }
}
