namespace Fluoro.Storage;

/// <summary>How a <see cref="ValueComparison"/> compares. Strings compare ordinally (case-sensitive).</summary>
public enum ValueOperator
{
    /// <summary>The value is present (not null); the comparison's value is ignored.</summary>
    IsSet,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,

    /// <summary>Strings only.</summary>
    Contains,

    /// <summary>Strings only.</summary>
    BeginsWith,

    /// <summary>Strings only.</summary>
    EndsWith,
}
