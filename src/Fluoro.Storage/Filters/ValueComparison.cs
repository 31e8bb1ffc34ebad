namespace Fluoro.Storage;

/// <summary>
/// An operator and one typed value (exactly one of <see cref="Text"/>, <see cref="Number"/>, <see cref="Boolean"/>
/// unless the operator is <see cref="ValueOperator.IsSet"/>). The value's type must fit the tested field; a
/// comparison whose type does not fit, or an ordering operator on strings or booleans, is false.
/// </summary>
public sealed record ValueComparison
{
    private ValueComparison(ValueOperator op, string? text, double? number, bool? boolean)
    {
        Operator = op;
        Text = text;
        Number = number;
        Boolean = boolean;
    }

    /// <summary>"Is set" (not null).</summary>
    public static ValueComparison IsSet { get; } = new(ValueOperator.IsSet, null, null, null);

    public ValueOperator Operator { get; }

    public string? Text { get; }

    public double? Number { get; }

    public bool? Boolean { get; }

    public static ValueComparison OfText(ValueOperator op, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(op, value, null, null);
    }

    public static ValueComparison OfNumber(ValueOperator op, double value)
        => double.IsFinite(value) ? new(op, null, value, null) : throw new ArgumentOutOfRangeException(nameof(value), "Numbers must be finite.");

    public static ValueComparison OfBoolean(ValueOperator op, bool value) => new(op, null, null, value);
}
