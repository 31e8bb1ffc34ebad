namespace Fluoro.XRay;

/// <summary>Body of <c>POST /GetGroup</c> and <c>POST /DeleteGroup</c>: a group by name or ARN.</summary>
public sealed record GroupReferenceRequest
{
    /// <summary>The group's name.</summary>
    public string? GroupName { get; init; }

    /// <summary>The group's ARN.</summary>
    public string? GroupARN { get; init; }
}
