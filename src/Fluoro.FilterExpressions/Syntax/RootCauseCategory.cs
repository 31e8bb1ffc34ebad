namespace Fluoro.FilterExpressions;

/// <summary>Which root-cause list of a trace summary a <see cref="RootCauseNode"/> searches.</summary>
public enum RootCauseCategory
{
    Fault,
    Error,
    ResponseTime,
}
