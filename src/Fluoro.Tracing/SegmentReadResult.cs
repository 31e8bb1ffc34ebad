namespace Fluoro.Tracing;

/// <summary>The outcome of reading one segment document: either <see cref="Fields"/> or <see cref="Error"/> is set.</summary>
public sealed class SegmentReadResult
{
    private SegmentReadResult(SegmentDocumentFields? fields, SegmentValidationError? error)
    {
        Fields = fields;
        Error = error;
    }

    /// <summary>The document's fields when it is valid.</summary>
    public SegmentDocumentFields? Fields { get; }

    /// <summary>Why the document was rejected.</summary>
    public SegmentValidationError? Error { get; }

    /// <summary>True when the document is valid.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Fields))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Fields is not null;

    internal static SegmentReadResult Valid(SegmentDocumentFields fields) => new(fields, null);

    internal static SegmentReadResult Invalid(SegmentValidationError error) => new(null, error);
}
