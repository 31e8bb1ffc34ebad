using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fluoro.FilterExpressions;

namespace Fluoro.FilterExpressions.Tests;

public sealed class PropertyTests
{
    private static bool ParsesOrRejectsCleanly(string? text)
    {
        try
        {
            FilterExpression.Parse(text ?? string.Empty);
            return true;
        }
        catch (FilterExpressionException ex)
        {
            // The reported position always points into (or just past) the text.
            return ex.Position >= 0 && ex.Position <= (text ?? string.Empty).Length;
        }
    }

    [Property(MaxTest = 500)]
    public bool ArbitraryStringsOnlyEverThrowFilterExpressionException(string? text) => ParsesOrRejectsCleanly(text);

    [Property(MaxTest = 1000, Arbitrary = [typeof(FilterArbitraries)])]
    public bool TokenSoupOnlyEverThrowsFilterExpressionException(TokenSoup soup) => ParsesOrRejectsCleanly(soup.Text);

    [Property(MaxTest = 1000, Arbitrary = [typeof(FilterArbitraries)])]
    public Property PrintedTreesParseBackToTheSameTree(FilterNode node)
    {
        var printed = FilterExpressionPrinter.Print(node);
        var reparsed = FilterExpression.Parse(printed);
        return Prop.Label(reparsed == node, $"printed: {printed}\nreparsed: {reparsed}");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(FilterArbitraries)])]
    public bool EvaluationNeverThrowsOnAnEmptyTrace(FilterNode node)
    {
        FilterEvaluator.Default.Evaluate(node, new TraceFacts());
        return true;
    }
}
