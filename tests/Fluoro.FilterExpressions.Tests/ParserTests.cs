using Fluoro.FilterExpressions;
using static Fluoro.FilterExpressions.ComparisonOperator;
using static Fluoro.FilterExpressions.FilterKeyword;
using static Fluoro.FilterExpressions.Tests.Ast;

namespace Fluoro.FilterExpressions.Tests;

public sealed class ParserTests
{
    [Fact]
    public void AndBindsTighterThanOr() =>
        Assert.Equal(Or(Kw(Ok), And(Kw(Fault), Kw(Error))), FilterExpression.Parse("ok OR fault AND error"));

    [Fact]
    public void NotBindsTighterThanAnd() =>
        Assert.Equal(And(Not(Kw(Ok)), Kw(Fault)), FilterExpression.Parse("!ok AND fault"));

    [Fact]
    public void ParenthesesOverridePrecedence() =>
        Assert.Equal(And(Or(Kw(Ok), Kw(Fault)), Kw(Error)), FilterExpression.Parse("(ok OR fault) AND error"));

    [Fact]
    public void NotKeywordIsSynonymForBang() => Assert.Equal(Not(Kw(Throttle)), FilterExpression.Parse("NOT throttle"));

    [Theory]
    [InlineData("HTTP.STATUS = 500")]
    [InlineData("Http.Status = 500")]
    [InlineData("http.status == 500")]
    public void KeywordsAreCaseInsensitive(string text) => Assert.Equal(Kw(HttpStatus, Equal, 500), FilterExpression.Parse(text));

    [Fact]
    public void OperatorsAreCaseInsensitive() =>
        Assert.Equal(
            And(Kw(HttpUrl, BeginsWith, "a"), Kw(HttpUrl, EndsWith, "b"), Kw(HttpUrl, Contains, "c")),
            FilterExpression.Parse("http.url beginswith \"a\" and http.url EndsWith \"b\" AND http.url contains \"c\""));

    [Fact]
    public void BracketAnnotationKeyAllowsAnyCharacters() =>
        Assert.Equal(new AnnotationNode("my key!", Equal, BooleanValue.True), FilterExpression.Parse("annotation[\"my key!\"] = true"));

    [Fact]
    public void AnnotationKeyKeepsCase() => Assert.Equal(new AnnotationNode("GameId"), FilterExpression.Parse("Annotation.GameId"));

    [Fact]
    public void EscapedQuotesInStrings() =>
        Assert.Equal(Kw(User, Equal, "say \"hi\" \\ bye"), FilterExpression.Parse("user = \"say \\\"hi\\\" \\\\ bye\""));

    [Fact]
    public void NegativeAndExponentNumbers() =>
        Assert.Equal(And(Kw(Duration, GreaterThan, -1.5), Kw(Duration, LessThan, 1e3)), FilterExpression.Parse("duration > -1.5 duration < 1e3"));

    [Fact]
    public void ErrorRootCauseCategoryIsSupported() =>
        Assert.Equal(
            new RootCauseNode(RootCauseCategory.Error, RootCauseScope.Exception, Kw(Name, Equal, "Boom")),
            FilterExpression.Parse("rootcause.error.exception { name = \"Boom\" }"));

    [Theory]
    [InlineData("", 0, "expected a filter expression")]
    [InlineData("   ", 3, "expected a filter expression")]
    [InlineData("ok AND", 6, "end of expression")]
    [InlineData("responsetime", 12, "comparison operator")]
    [InlineData("responsetime > \"5\"", 15, "expected a number")]
    [InlineData("ok > 5", 3, "boolean keyword")]
    [InlineData("http.url > \"x\"", 9, "string keyword")]
    [InlineData("bogus = 1", 0, "unknown keyword 'bogus'")]
    [InlineData("user = \"alice", 7, "unterminated string")]
    [InlineData("(ok", 3, "')'")]
    [InlineData("ok)", 2, "unexpected ')'")]
    [InlineData("service(\"a\") { }", 15, "empty block")]
    [InlineData("service(\"a\") { annotation.x }", 15, "annotations cannot be used")]
    [InlineData("service(\"a\") { service(\"b\") }", 15, "service() cannot be used")]
    [InlineData("service(id())", 11, "name, type or account.id")]
    [InlineData("service(id(color: \"red\"))", 11, "unknown id() argument 'color'")]
    [InlineData("service(id(name: \"a\", name: \"b\"))", 22, "given twice")]
    [InlineData("edge(\"a\") { fault }", 8, "','")]
    [InlineData("rootcause.fault.thing { name = \"x\" }", 0, "unknown root-cause keyword")]
    [InlineData("rootcause.responsetime.exception { last }", 0, "unknown root-cause keyword")]
    [InlineData("rootcause.json = #[{\"a\": }]", 17, "invalid JSON")]
    [InlineData("rootcause.json = #{}", 18, "expected '['")]
    [InlineData("annotation.n > \"x\"", 13, "operator > cannot compare")]
    [InlineData("duration > 1e999", 11, "out of range")]
    [InlineData("ok & fault", 3, "unexpected character '&'")]
    [InlineData("group.name \"x\"", 11, "'='")]
    public void ErrorsNamePositionAndExpectation(string text, int position, string fragment)
    {
        var ex = Assert.Throws<FilterExpressionException>(() => FilterExpression.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Invalid filter expression at position {position}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BareIdSelectsAService()
    {
        var node = FilterExpression.Parse("id(name: \"api\", type: \"AWS::EC2::Instance\")");
        Assert.Equal(Service(ServiceTarget.ForId("api", "AWS::EC2::Instance")), node);
        Assert.Equal(node, FilterExpression.Parse(node.ToString()));
        Assert.Throws<FilterExpressionException>(() => FilterExpression.Parse("service(\"a\") { id(name: \"b\") }"));
    }

    [Fact]
    public void AnalysisFindsGroupsRootCausesAndGraphUse()
    {
        var node = FilterExpression.Parse("group.name = \"a\" OR (ok AND !group.arn = \"arn:x\")");
        Assert.Equal(
            [new GroupNode(GroupReferenceKind.Name, "a"), new GroupNode(GroupReferenceKind.Arn, "arn:x")],
            FilterAnalysis.GroupReferences(node));
        Assert.False(FilterAnalysis.UsesRootCauses(node));
        Assert.False(FilterAnalysis.UsesServiceGraph(node));
        Assert.True(FilterAnalysis.UsesRootCauses(FilterExpression.Parse("ok AND rootcause.fault.service { name = \"x\" }")));
        Assert.True(FilterAnalysis.UsesRootCauses(FilterExpression.Parse("!rootcause.json = #[]")));
        Assert.True(FilterAnalysis.UsesServiceGraph(FilterExpression.Parse("duration > 1 OR edge(\"a\", \"b\")")));
        Assert.True(FilterAnalysis.UsesServiceGraph(FilterExpression.Parse("!inferred")));
    }

    [Fact]
    public void UnquotedServiceNamesAreAccepted() =>
        Assert.Equal(
            new EdgeNode(ServiceTarget.ForName("my-api"), ServiceTarget.ForName("id"), null),
            FilterExpression.Parse("edge(my-api, id)"));

    [Fact]
    public void TryParseReportsWithoutThrowing()
    {
        Assert.False(FilterExpression.TryParse("ok AND AND", out var node, out var error));
        Assert.Null(node);
        Assert.Equal(7, error!.Position);
        Assert.True(FilterExpression.TryParse("ok", out node, out error));
        Assert.Equal(Kw(Ok), node);
        Assert.Null(error);
    }

    [Fact]
    public void DeepNestingIsRejectedNotStackOverflow()
    {
        var text = new string('(', 10_000) + "ok" + new string(')', 10_000);
        var ex = Assert.Throws<FilterExpressionException>(() => FilterExpression.Parse(text));
        Assert.Contains("nested more than", ex.Message, StringComparison.Ordinal);

        var bangs = new string('!', 10_000) + "ok";
        Assert.Throws<FilterExpressionException>(() => FilterExpression.Parse(bangs));
    }

    [Fact]
    public void TooManyTermsIsRejected()
    {
        var text = string.Join(" AND ", Enumerable.Repeat("ok", 2000));
        var ex = Assert.Throws<FilterExpressionException>(() => FilterExpression.Parse(text));
        Assert.Contains("more than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlongTextIsRejected() =>
        Assert.Throws<FilterExpressionException>(() => FilterExpression.Parse(new string(' ', FilterExpression.MaxLength + 1) + "ok"));

    [Fact]
    public void KeywordTableIsConsistent()
    {
        foreach (var keyword in FilterKeywords.All)
        {
            Assert.True(FilterKeywords.TryParse(FilterKeywords.TextOf(keyword).ToUpperInvariant(), out var parsed));
            Assert.Equal(keyword, parsed);
        }

        Assert.Equal(Enum.GetValues<FilterKeyword>().Length, FilterKeywords.All.Count);
    }

    [Fact]
    public void PrinterUsesMinimalParentheses()
    {
        Assert.Equal("ok OR fault AND error", FilterExpression.Parse("ok OR (fault AND error)").ToString());
        Assert.Equal("(ok OR fault) AND error", FilterExpression.Parse("(ok OR fault) AND error").ToString());
        Assert.Equal("ok AND (fault AND error)", new AndNode(Kw(Ok), And(Kw(Fault), Kw(Error))).ToString());
        Assert.Equal("!(ok OR fault)", FilterExpression.Parse("NOT (ok OR fault)").ToString());
        Assert.Equal("annotation[\"a b\"] = 1", new AnnotationNode("a b", Equal, new NumberValue(1)).ToString());
    }

    [Fact]
    public void VisitorSeesEveryNode()
    {
        var node = FilterExpression.Parse(
            "ok AND !fault OR annotation.a AND service(\"s\") { error } AND edge(\"a\", \"b\") AND group.arn = \"g\" AND rootcause.fault.entity { last } AND rootcause.json = #[]");
        var counter = new NodeCounter();
        Assert.Equal(18, node.Accept(counter));
    }

    private sealed class NodeCounter : IFilterNodeVisitor<int>
    {
        public int VisitAnd(AndNode node) => 1 + node.Left.Accept(this) + node.Right.Accept(this);

        public int VisitOr(OrNode node) => 1 + node.Left.Accept(this) + node.Right.Accept(this);

        public int VisitNot(NotNode node) => 1 + node.Operand.Accept(this);

        public int VisitKeyword(KeywordNode node) => 1;

        public int VisitAnnotation(AnnotationNode node) => 1;

        public int VisitService(ServiceNode node) => 1 + (node.Filter?.Accept(this) ?? 0);

        public int VisitEdge(EdgeNode node) => 1 + (node.Filter?.Accept(this) ?? 0);

        public int VisitGroup(GroupNode node) => 1;

        public int VisitRootCause(RootCauseNode node) => 1 + node.Filter.Accept(this);

        public int VisitRootCauseJson(RootCauseJsonNode node) => 1;
    }
}
