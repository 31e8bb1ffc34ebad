namespace Fluoro.XRay;

/// <summary>Body of <c>POST /ServiceGraph</c> (GetServiceGraph).</summary>
public sealed record GetServiceGraphRequest
{
    /// <summary>Window start, epoch seconds (required).</summary>
    public double? StartTime { get; init; }

    /// <summary>Window end, epoch seconds (required).</summary>
    public double? EndTime { get; init; }

    /// <summary>Restrict the graph to traces in this group.</summary>
    public string? GroupName { get; init; }

    /// <summary>Restrict the graph to traces in this group (by ARN).</summary>
    public string? GroupARN { get; init; }

    /// <summary>Paging token (the whole graph is returned in one page).</summary>
    public string? NextToken { get; init; }
}
