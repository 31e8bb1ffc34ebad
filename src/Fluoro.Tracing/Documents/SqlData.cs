namespace Fluoro.Tracing.Documents;

/// <summary>The subsegment <c>sql</c> object. Never put passwords in <see cref="ConnectionString"/> or <see cref="Url"/>.</summary>
public sealed class SqlData
{
    /// <summary>Connection string without credentials.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Database URL without credentials.</summary>
    public string? Url { get; set; }

    /// <summary>Query with user values replaced by placeholders.</summary>
    public string? SanitizedQuery { get; set; }

    /// <summary>Engine name.</summary>
    public string? DatabaseType { get; set; }

    /// <summary>Engine version.</summary>
    public string? DatabaseVersion { get; set; }

    /// <summary>Driver name and version.</summary>
    public string? DriverVersion { get; set; }

    /// <summary>Database user.</summary>
    public string? User { get; set; }

    /// <summary><c>call</c> or <c>statement</c>.</summary>
    public string? Preparation { get; set; }
}
