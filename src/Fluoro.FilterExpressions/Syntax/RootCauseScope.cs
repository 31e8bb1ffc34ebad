namespace Fluoro.FilterExpressions;

/// <summary>Which elements of a root cause a <see cref="RootCauseNode"/> block is evaluated against.</summary>
public enum RootCauseScope
{
    Service,
    Entity,
    Exception,
}
