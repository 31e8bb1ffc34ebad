namespace Fluoro.FilterExpressions;

/// <summary>
/// Cheap questions about a parsed filter, so callers can skip work: a trace store need not build root causes or
/// the service graph for filters that never look at them, and the API can check that referenced groups exist.
/// </summary>
public static class FilterAnalysis
{
    /// <summary>Every <c>group.name</c>/<c>group.arn</c> reference in the tree, in order of appearance.</summary>
    public static IReadOnlyList<GroupNode> GroupReferences(FilterNode node)
    {
        var found = new List<GroupNode>();
        Walk(node, n =>
        {
            if (n is GroupNode group)
            {
                found.Add(group);
            }
        });
        return found;
    }

    /// <summary>The filter uses rootcause.* blocks or rootcause.json.</summary>
    public static bool UsesRootCauses(FilterNode node) => Any(node, static n => n is RootCauseNode or RootCauseJsonNode);

    /// <summary>The filter uses service(), edge() or the <c>inferred</c> keyword, which need the trace's service graph.</summary>
    public static bool UsesServiceGraph(FilterNode node) =>
        Any(node, static n => n is ServiceNode or EdgeNode || n is KeywordNode { Keyword: FilterKeyword.Inferred });

    private static bool Any(FilterNode node, Func<FilterNode, bool> predicate)
    {
        var found = false;
        Walk(node, n => found |= predicate(n));
        return found;
    }

    private static void Walk(FilterNode node, Action<FilterNode> visit)
    {
        visit(node);
        switch (node)
        {
            case AndNode and:
                Walk(and.Left, visit);
                Walk(and.Right, visit);
                break;
            case OrNode or:
                Walk(or.Left, visit);
                Walk(or.Right, visit);
                break;
            case NotNode not:
                Walk(not.Operand, visit);
                break;
            case ServiceNode { Filter: { } filter }:
                Walk(filter, visit);
                break;
            case EdgeNode { Filter: { } filter }:
                Walk(filter, visit);
                break;
            case RootCauseNode rootCause:
                Walk(rootCause.Filter, visit);
                break;
            default:
                break;
        }
    }
}
