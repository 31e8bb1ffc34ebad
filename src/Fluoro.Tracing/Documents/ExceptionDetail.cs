namespace Fluoro.Tracing.Documents;

/// <summary>One exception in a <c>cause.exceptions</c> list.</summary>
public sealed class ExceptionDetail
{
    /// <summary>16 hex digits; other documents can point at it with a string <c>cause</c>.</summary>
    public string? Id { get; set; }

    /// <summary>Message.</summary>
    public string? Message { get; set; }

    /// <summary>Type name.</summary>
    public string? Type { get; set; }

    /// <summary>True when a downstream service caused it.</summary>
    public bool? Remote { get; set; }

    /// <summary>Stack frames left out.</summary>
    public int? Truncated { get; set; }

    /// <summary>Exceptions skipped between this one and its cause.</summary>
    public int? Skipped { get; set; }

    /// <summary>Id of the exception that caused this one.</summary>
    public string? Cause { get; set; }

    /// <summary>Stack frames, innermost first.</summary>
    public List<StackFrameData>? Stack { get; set; }
}
