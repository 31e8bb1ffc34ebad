namespace Fluoro.FilterExpressions;

/// <summary>Where the parser is, which decides the constructs allowed (no annotations inside service blocks, …).</summary>
internal enum BlockContext
{
    TopLevel,
    Service,
    Edge,
    RootCause,
}
