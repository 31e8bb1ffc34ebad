namespace Fluoro.XRay;

/// <summary>Body of <c>POST /Groups</c> (GetGroups).</summary>
public sealed record GetGroupsRequest
{
    /// <summary>Paging token (all groups fit one page).</summary>
    public string? NextToken { get; init; }
}
