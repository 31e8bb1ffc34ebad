using FsCheck.Xunit;
using Fluoro.FilterExpressions;

namespace Fluoro.FilterExpressions.Tests;

public sealed class EvaluatorPropertyTests
{
    private static readonly TraceFacts s_trace = SampleTrace.Build();
    private static readonly FilterEvaluator s_evaluator = new();

    [Property(MaxTest = 500, Arbitrary = [typeof(FilterArbitraries)])]
    public bool NotIsTheComplementAtTopLevel(FilterNode node) =>
        s_evaluator.Evaluate(new NotNode(node), s_trace) == !s_evaluator.Evaluate(node, s_trace);

    [Property(MaxTest = 500, Arbitrary = [typeof(FilterArbitraries)])]
    public bool AndAndOrFollowBooleanLogic(FilterNode left, FilterNode right)
    {
        var l = s_evaluator.Evaluate(left, s_trace);
        var r = s_evaluator.Evaluate(right, s_trace);
        return s_evaluator.Evaluate(new AndNode(left, right), s_trace) == (l && r)
            && s_evaluator.Evaluate(new OrNode(left, right), s_trace) == (l || r);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(FilterArbitraries)])]
    public bool PrintingDoesNotChangeTheVerdict(FilterNode node) =>
        s_evaluator.Evaluate(FilterExpression.Parse(node.ToString()), s_trace) == s_evaluator.Evaluate(node, s_trace);
}
