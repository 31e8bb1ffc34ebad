namespace Fluoro.Tracing.Documents;

/// <summary>The <c>aws.xray</c> object: which SDK wrote the document.</summary>
public sealed class XRaySdkData
{
    /// <summary>SDK name, e.g. <c>X-Ray for .NET</c>.</summary>
    public string? Sdk { get; set; }

    /// <summary>SDK version.</summary>
    public string? SdkVersion { get; set; }

    /// <summary>Package name.</summary>
    public string? Package { get; set; }

    /// <summary>True when instrumentation was automatic.</summary>
    public bool? AutoInstrumentation { get; set; }
}
