using FsCheck;
using FsCheck.Fluent;
using Fluoro.FilterExpressions;

namespace Fluoro.FilterExpressions.Tests;

/// <summary>FsCheck generators: valid trees (respecting block rules) and token soup.</summary>
public static class FilterArbitraries
{
    private static readonly string[] Fragments =
    [
        "ok", "!", "NOT", "AND", "and", "OR", "(", ")", "{", "}", "[", "]", ",", ":", "=", "!=", "<", "<=", ">", ">=",
        "CONTAINS", "BEGINSWITH", "service", "edge", "id", "name", "type", "account.id", "\"x\"", "\"a\\\"b\"", "\"",
        "5", "-2.5", "1e3", "1e999", "true", "false", "annotation.k", "annotation", "annotation.", "group.name",
        "rootcause.fault.service", "rootcause.json", "#[{\"A\":1}]", "#[", "#", "http.status", "responsetime", "user",
        "traces", "?", "&", "é", "\\", "\t", "  ",
    ];

    private static readonly string[] SampleStrings = ["", "a", "api.example.com", "with space", "q\"uote", "back\\slash", "ünï", "AWS::Lambda::Function", "\\\""];

    public static Arbitrary<TokenSoup> Soup() =>
        Gen.ListOf(Gen.Elements(Fragments))
            .Select(parts => new TokenSoup(string.Join(" ", parts)))
            .ToArbitrary();

    public static Arbitrary<FilterNode> Nodes() => Gen.Sized(size => Node(Math.Min(size, 12), topLevel: true)).ToArbitrary();

    private static Gen<string> Strings() =>
        Gen.OneOf(Gen.Elements(SampleStrings), ArbMap.Default.GeneratorFor<string>().Where(s => s is not null));

    private static Gen<double> Numbers() =>
        Gen.OneOf(
            Gen.Elements(0.0, 1.0, -1.5, 2.5, 0.7, 1e-9, 1e21, 123456789.125, double.MaxValue),
            ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite));

    private static Gen<FilterNode> Node(int size, bool topLevel)
    {
        if (size <= 0)
        {
            return Leaf(topLevel);
        }

        var child = Node(size / 2, topLevel);
        var composite = Gen.OneOf(
            Gen.Zip(child, child).Select(p => (FilterNode)new AndNode(p.Item1, p.Item2)),
            Gen.Zip(child, child).Select(p => (FilterNode)new OrNode(p.Item1, p.Item2)),
            child.Select(c => (FilterNode)new NotNode(c)));
        return topLevel
            ? Gen.Frequency((2, Leaf(topLevel)), (3, composite), (2, Block(size / 2)))
            : Gen.Frequency((2, Leaf(topLevel)), (3, composite));
    }

    private static Gen<FilterNode> Leaf(bool topLevel)
    {
        var keyword = Gen.Elements(FilterKeywords.All.ToArray()).SelectMany(KeywordLeaf);
        if (!topLevel)
        {
            return keyword;
        }

        var value = Gen.OneOf(
            Strings().Select(FilterValue.From),
            Numbers().Select(FilterValue.From),
            Gen.Elements(true, false).Select(FilterValue.From));
        var annotation =
            from key in Strings().Where(s => s.Length > 0)
            from v in value
            from anyOp in Gen.Elements(Enum.GetValues<ComparisonOperator>())
            from bare in Gen.Elements(true, false)
            select MakeAnnotation(key, v, anyOp, bare);
        var group = Gen.Zip(Gen.Elements(GroupReferenceKind.Name, GroupReferenceKind.Arn), Strings())
            .Select(t => (FilterNode)new GroupNode(t.Item1, t.Item2));
        var json = Gen.Elements("[]", "[{\"Services\":[{\"Name\":\"a\"}]}]", "[{\"ClientImpacting\":true,\"N\":1.5,\"S\":\"x\\\"y\"}]")
            .Select(j => (FilterNode)new RootCauseJsonNode(j));
        var service = Target().OrNull().Select(t => (FilterNode)new ServiceNode(t));
        return Gen.Frequency((5, keyword), (2, annotation), (1, group), (1, json), (1, service));
    }

    private static FilterNode MakeAnnotation(string key, FilterValue v, ComparisonOperator op, bool bare)
    {
        if (bare)
        {
            return new AnnotationNode(key);
        }

        op = v switch
        {
            NumberValue => op <= ComparisonOperator.GreaterThanOrEqual ? op : ComparisonOperator.Equal,
            BooleanValue => op == ComparisonOperator.NotEqual ? op : ComparisonOperator.Equal,
            _ => op is ComparisonOperator.Equal or ComparisonOperator.NotEqual or >= ComparisonOperator.Contains ? op : ComparisonOperator.Contains,
        };
        return new AnnotationNode(key, op, v);
    }

    private static Gen<FilterNode> KeywordLeaf(FilterKeyword keyword)
    {
        switch (FilterKeywords.KindOf(keyword))
        {
            case KeywordKind.Boolean:
                return Gen.Elements(0, 1, 2).SelectMany(choice => choice == 0
                    ? Gen.Constant((FilterNode)new KeywordNode(keyword))
                    : Gen.Elements(true, false).Select(b => (FilterNode)new KeywordNode(
                        keyword,
                        choice == 1 ? ComparisonOperator.Equal : ComparisonOperator.NotEqual,
                        FilterValue.From(b))));
            case KeywordKind.Number:
                return Gen.Zip(Gen.Elements(ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.LessThan, ComparisonOperator.LessThanOrEqual, ComparisonOperator.GreaterThan, ComparisonOperator.GreaterThanOrEqual), Numbers())
                    .Select(t => (FilterNode)new KeywordNode(keyword, t.Item1, FilterValue.From(t.Item2)));
            default:
                var compared = Gen.Zip(Gen.Elements(ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.Contains, ComparisonOperator.BeginsWith, ComparisonOperator.EndsWith), Strings())
                    .Select(t => (FilterNode)new KeywordNode(keyword, t.Item1, FilterValue.From(t.Item2)));
                return Gen.Frequency((1, Gen.Constant((FilterNode)new KeywordNode(keyword))), (4, compared));
        }
    }

    private static Gen<ServiceTarget> Target() =>
        Gen.OneOf(
            Strings().Select(ServiceTarget.ForName),
            (from name in Strings().OrNull()
             from type in Strings().OrNull()
             from account in Strings().OrNull()
             select ServiceTarget.ForId(name, type, account))
                .Where(t => t.Name is not null || t.Type is not null || t.AccountId is not null));

    private static Gen<FilterNode> Block(int size)
    {
        var inner = Node(size, topLevel: false);
        var service = Gen.Zip(Target().OrNull(), inner).Select(t => (FilterNode)new ServiceNode(t.Item1, t.Item2));
        var edge =
            from source in Target()
            from destination in Target()
            from filter in inner.OrNull()
            select (FilterNode)new EdgeNode(source, destination, filter);
        var rootCause =
            from category in Gen.Elements(Enum.GetValues<RootCauseCategory>())
            from scope in Gen.Elements(Enum.GetValues<RootCauseScope>())
            from filter in inner
            select (FilterNode)new RootCauseNode(
                category,
                category == RootCauseCategory.ResponseTime && scope == RootCauseScope.Exception ? RootCauseScope.Entity : scope,
                filter);
        return Gen.OneOf(service, edge, rootCause);
    }
}
