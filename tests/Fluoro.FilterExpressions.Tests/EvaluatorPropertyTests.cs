using FsCheck.Xunit;
using Fluoro.FilterExpressions;

namespace Fluoro.FilterExpressions.Tests;

public sealed class EvaluatorPropertyTests
{
    private static readonly TraceFacts Trace = SampleTrace.Build();
    private static readonly FilterEvaluator Evaluator = new();

    [Property(MaxTest = 500, Arbitrary = [typeof(FilterArbitraries)])]
    public bool NotIsTheComplementAtTopLevel(FilterNode node) =>
        Evaluator.Evaluate(new NotNode(node), Trace) == !Evaluator.Evaluate(node, Trace);

    [Property(MaxTest = 500, Arbitrary = [typeof(FilterArbitraries)])]
    public bool AndAndOrFollowBooleanLogic(FilterNode left, FilterNode right)
    {
        var l = Evaluator.Evaluate(left, Trace);
        var r = Evaluator.Evaluate(right, Trace);
        return Evaluator.Evaluate(new AndNode(left, right), Trace) == (l && r)
            && Evaluator.Evaluate(new OrNode(left, right), Trace) == (l || r);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(FilterArbitraries)])]
    public bool PrintingDoesNotChangeTheVerdict(FilterNode node) =>
        Evaluator.Evaluate(FilterExpression.Parse(node.ToString()), Trace) == Evaluator.Evaluate(node, Trace);
}
