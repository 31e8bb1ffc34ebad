namespace Fluoro.Lambda.Storage;

/// <summary>Everything stored about one function: <c>$LATEST</c>, published versions, aliases, settings.</summary>
internal sealed class FunctionEntry
{
    public required FunctionVersion Latest { get; set; }
    public List<FunctionVersion> Versions { get; init; } = [];
    public List<FunctionAlias> Aliases { get; init; } = [];
    public int? ReservedConcurrency { get; set; }
    public FunctionUrlConfig? Url { get; set; }
    public int NextVersion { get; set; } = 1;

    /// <summary>Resource-policy statements (AddPermission), each a serialised JSON object.</summary>
    public List<string> PolicyStatements { get; set; } = [];

    public string Name => Latest.FunctionName;
}
