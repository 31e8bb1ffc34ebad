namespace Fluoro.Lambda.Storage;

/// <summary>One version of a function: <c>$LATEST</c> or an immutable published number.</summary>
internal sealed record FunctionVersion
{
    public required string FunctionName { get; init; }
    public required string Version { get; init; }
    public string Runtime { get; init; } = "provided.al2023";
    public string Role { get; init; } = "arn:aws:iam::000000000000:role/lambda-role";
    public string Handler { get; init; } = "";
    public string Description { get; init; } = "";
    public int Timeout { get; init; } = 3;
    public int MemorySize { get; init; } = 128;
    public Dictionary<string, string> Environment { get; init; } = new(StringComparer.Ordinal);
    public string TracingMode { get; init; } = "PassThrough";
    public string CodeSha256 { get; init; } = "";
    public long CodeSize { get; init; }
    public string LastModified { get; init; } = "";
    public string RevisionId { get; init; } = Guid.NewGuid().ToString();
    public string Architecture { get; init; } = "x86_64";
    public int EphemeralStorage { get; init; } = 512;
    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
}
