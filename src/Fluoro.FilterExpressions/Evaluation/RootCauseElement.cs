namespace Fluoro.FilterExpressions;

/// <summary>One service, entity or exception of a root cause, flattened so a rootcause block sees one shape.</summary>
internal readonly record struct RootCauseElement(
    string? Name,
    IReadOnlyList<string>? Names,
    string? Type,
    string? AccountId,
    bool Inferred,
    bool Remote,
    double? Coverage,
    string? Message,
    int Index,
    int Count);
