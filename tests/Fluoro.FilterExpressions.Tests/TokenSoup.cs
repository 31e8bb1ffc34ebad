namespace Fluoro.FilterExpressions.Tests;

/// <summary>Text made of filter-expression fragments, so random input reaches deep into the parser.</summary>
public sealed record TokenSoup(string Text)
{
    public override string ToString() => Text;
}
