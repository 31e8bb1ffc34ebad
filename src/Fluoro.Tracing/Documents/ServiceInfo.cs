namespace Fluoro.Tracing.Documents;

/// <summary>The segment <c>service</c> object.</summary>
public sealed class ServiceInfo
{
    /// <summary>Application version.</summary>
    public string? Version { get; set; }

    /// <summary>Runtime, e.g. <c>dotnet</c>.</summary>
    public string? Runtime { get; set; }

    /// <summary>Runtime version.</summary>
    public string? RuntimeVersion { get; set; }

    /// <summary>Compiler.</summary>
    public string? Compiler { get; set; }

    /// <summary>Compiler version.</summary>
    public string? CompilerVersion { get; set; }
}
