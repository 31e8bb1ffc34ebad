namespace Fluoro.FilterExpressions;

/// <summary>A quoted string (or, leniently, a bare word such as <c>name = traces</c>).</summary>
public sealed record StringValue(string Value) : FilterValue;
