namespace Fluoro.FilterExpressions;

/// <summary>How a <see cref="GroupNode"/> names its group.</summary>
public enum GroupReferenceKind
{
    Name,
    Arn,
}
