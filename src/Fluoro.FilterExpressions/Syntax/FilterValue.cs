namespace Fluoro.FilterExpressions;

/// <summary>A literal on the right of a comparison, and the typed value of an annotation in trace facts.</summary>
public abstract record FilterValue
{
    private protected FilterValue()
    {
    }

    public static FilterValue From(string value) => new StringValue(value);

    public static FilterValue From(double value) => new NumberValue(value);

    public static FilterValue From(bool value) => value ? BooleanValue.True : BooleanValue.False;
}
