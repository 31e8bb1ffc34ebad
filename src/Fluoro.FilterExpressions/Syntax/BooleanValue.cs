namespace Fluoro.FilterExpressions;

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanValue(bool Value) : FilterValue
{
    public static BooleanValue True { get; } = new(true);

    public static BooleanValue False { get; } = new(false);
}
