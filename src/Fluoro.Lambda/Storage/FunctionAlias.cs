namespace Fluoro.Lambda.Storage;

/// <summary>A named pointer to a published version.</summary>
internal sealed record FunctionAlias
{
    public required string Name { get; init; }
    public required string FunctionVersion { get; init; }
    public string Description { get; init; } = "";
    public string RevisionId { get; init; } = Guid.NewGuid().ToString();
}
