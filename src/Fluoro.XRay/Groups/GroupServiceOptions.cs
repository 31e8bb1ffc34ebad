namespace Fluoro.XRay;

/// <summary>Where groups persist and how their ARNs are formed.</summary>
public sealed class GroupServiceOptions
{
    /// <summary>JSON file holding the groups; null keeps them in memory only.</summary>
    public string? FilePath { get; set; }

    /// <summary>Region in ARNs.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Account in ARNs.</summary>
    public string AccountId { get; set; } = "000000000000";

    /// <summary>Most groups besides Default (X-Ray's quota is 25).</summary>
    public int MaxGroups { get; set; } = 25;
}
