namespace Fluoro.FilterExpressions;

/// <summary>A finite number; times are in seconds.</summary>
public sealed record NumberValue(double Value) : FilterValue;
