namespace Fluoro.Tracing.Documents;

/// <summary>One stack frame.</summary>
public sealed class StackFrameData
{
    /// <summary>Source file.</summary>
    public string? Path { get; set; }

    /// <summary>Line number.</summary>
    public int? Line { get; set; }

    /// <summary>Method or function.</summary>
    public string? Label { get; set; }
}
