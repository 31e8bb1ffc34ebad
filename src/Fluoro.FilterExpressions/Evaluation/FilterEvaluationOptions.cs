namespace Fluoro.FilterExpressions;

/// <summary>Knobs for <see cref="FilterEvaluator"/>.</summary>
public sealed record FilterEvaluationOptions
{
    public static FilterEvaluationOptions Default { get; } = new();

    /// <summary>
    /// String comparisons (=, !=, CONTAINS, BEGINSWITH, ENDSWITH) are ordinal and case-sensitive by default;
    /// AWS does not document this, so it is a switch.
    /// </summary>
    public bool CaseInsensitiveStrings { get; init; }

    /// <summary>How deep group references may nest (a group whose filter names another group) before evaluating false.</summary>
    public int MaxGroupDepth { get; init; } = 8;
}
