namespace Fluoro.Lambda.Storage;

/// <summary>A function URL (AuthType NONE only).</summary>
internal sealed record FunctionUrlConfig
{
    public required string UrlId { get; init; }
    public string AuthType { get; init; } = "NONE";
    public string? Qualifier { get; init; }
    public string CreationTime { get; init; } = "";
    public string LastModifiedTime { get; init; } = "";
}
