using Fluoro.FilterExpressions;

namespace Fluoro.FilterExpressions.Tests;

public sealed class EvaluatorTests
{
    private static readonly TraceFacts Trace = SampleTrace.Build();

    private static bool Matches(string expression, ITraceFacts? trace = null, FilterEvaluator? evaluator = null) =>
        (evaluator ?? FilterEvaluator.Default).Evaluate(FilterExpression.Parse(expression), trace ?? Trace);

    [Theory]
    [InlineData("ok", true)]
    [InlineData("!ok", false)]
    [InlineData("ok = false", false)]
    [InlineData("fault", false)]
    [InlineData("error", false)]
    [InlineData("throttle", false)]
    [InlineData("partial", false)]
    [InlineData("inferred", true)]
    [InlineData("root", true)]
    [InlineData("responsetime > 2.5", true)]
    [InlineData("responsetime > 3", false)]
    [InlineData("duration >= 3 AND duration <= 3", true)]
    [InlineData("http.status = 200", true)]
    [InlineData("http.status != 200", false)]
    [InlineData("http.url CONTAINS \"/api/game/\"", true)]
    [InlineData("http.url BEGINSWITH \"http://api.example.com/\" AND http.url CONTAINS \"/v2/\"", true)]
    [InlineData("http.url ENDSWITH \"/42\"", true)]
    [InlineData("http.url CONTAINS \"/API/\"", false)]
    [InlineData("http.method = \"GET\" AND http.useragent BEGINSWITH \"curl\" AND http.clientip = \"10.0.0.9\"", true)]
    [InlineData("name = \"api.example.com\" AND type = \"AWS::EC2::Instance\"", true)]
    [InlineData("user = \"alice\"", true)]
    [InlineData("user CONTAINS \"\"", true)]
    [InlineData("user = \"bob\"", false)]
    [InlineData("user != \"bob\"", true)]
    [InlineData("resource.arn ENDSWITH \":function:worker\"", true)]
    [InlineData("instance.id = \"i-0abc\" AND availabilityzone = \"us-east-1a\"", true)]
    [InlineData("http.url AND responseTime > 2", true)]
    [InlineData("ok !partial duration <4", true)]
    public void TopLevelKeywords(string expression, bool expected) => Assert.Equal(expected, Matches(expression));

    [Theory]
    [InlineData("annotation.gameid = \"817DL6VO\"", true)]
    [InlineData("annotation.gameid != \"817DL6VO\"", false)]
    [InlineData("annotation.age", true)]
    [InlineData("!annotation.age", false)]
    [InlineData("annotation.missing", false)]
    [InlineData("!annotation.missing", true)]
    [InlineData("annotation.age > 29", true)]
    [InlineData("annotation.age > 31", false)]
    [InlineData("annotation.age = \"31\"", false)]
    [InlineData("annotation.vip = true", true)]
    [InlineData("annotation.vip != true", false)]
    [InlineData("annotation.account = \"12345\"", true)]
    public void AnnotationsAreTypedAndExistentialOverSegments(string expression, bool expected) =>
        Assert.Equal(expected, Matches(expression));

    [Theory]
    [InlineData("service(\"worker\")", true)]
    [InlineData("service(\"worker-alias\")", true)]
    [InlineData("service(\"nope\")", false)]
    [InlineData("!service(\"nope\")", true)]
    [InlineData("service(\"worker\") { fault }", true)]
    [InlineData("service(\"api.example.com\") { fault }", false)]
    [InlineData("service() { fault }", true)]
    [InlineData("service(\"worker\") { fault = true OR responsetime > 2.5 } AND annotation.account = \"12345\"", true)]
    [InlineData("service(\"worker\") { responsetime > 1.1 AND responsetime < 1.3 }", true)]
    [InlineData("service(\"worker\") { user = \"alice\" }", true)]
    [InlineData("service(\"api.example.com\") {root = true and fault = true}", false)]
    [InlineData("service(\"api.example.com\") {root = true and ok}", true)]
    [InlineData("service(\"worker\") { root }", false)]
    [InlineData("service(\"DynamoDB\") { inferred AND throttle AND http.status = 429 }", true)]
    [InlineData("service(id(name: \"worker\", type: \"AWS::Lambda::Function\")) { fault }", true)]
    [InlineData("service(id(type: \"AWS::Lambda::Function\")) { error }", false)]
    [InlineData("service(id(account.id: \"123456789012\"))", true)]
    [InlineData("service(id(account.id: \"999\"))", false)]
    [InlineData("service(\"worker\") { name = \"worker-alias\" }", true)]
    [InlineData("service(\"worker\") { name != \"worker-alias\" }", false)]
    public void ServiceBlocksAreExistentialOverTheNodesSegments(string expression, bool expected) =>
        Assert.Equal(expected, Matches(expression));

    [Theory]
    [InlineData("edge(\"api.example.com\", \"worker\")", true)]
    [InlineData("edge(\"worker\", \"api.example.com\")", false)]
    [InlineData("edge(\"api.example.com\", \"worker\") { fault }", true)]
    [InlineData("edge(\"api.example.com\", \"worker\") { error }", false)]
    [InlineData("edge(\"worker\", id(type: \"AWS::DynamoDB::Table\")) { throttle AND responsetime < 0.5 }", true)]
    public void EdgeBlocksLookAtTheCalls(string expression, bool expected) => Assert.Equal(expected, Matches(expression));

    [Theory]
    [InlineData("rootcause.fault.entity { last and name = \"deserialize\" }", true)]
    [InlineData("rootcause.fault.entity { first and name = \"deserialize\" }", false)]
    [InlineData("rootcause.fault.service { name = \"worker\" }", true)]
    [InlineData("rootcause.fault.service { last and type = \"AWS::Lambda::Function\" }", true)]
    [InlineData("rootcause.fault.service { index = 1 }", true)]
    [InlineData("rootcause.fault.service { index > 5 }", false)]
    [InlineData("rootcause.fault.exception { last and message = \"Access Denied for account_id: 1234567890\" }", true)]
    [InlineData("rootcause.fault.exception { name = \"JsonException\" }", true)]
    [InlineData("rootcause.error.service { name = \"worker\" }", false)]
    [InlineData("rootcause.responsetime.entity { remote and coverage > 0.7 and name = \"traces\" }", true)]
    [InlineData("rootcause.responsetime.entity { last and coverage > 0.8 }", false)]
    [InlineData("rootcause.responsetime.service { last and type = \"AWS::DynamoDB\" }", true)]
    [InlineData("rootcause.fault.service { inferred and name = traces and type = \"AWS::DynamoDB\" }", false)]
    [InlineData("rootcause.responsetime.service { inferred and name = traces and type = \"AWS::DynamoDB\" }", true)]
    public void RootCauseBlocks(string expression, bool expected) => Assert.Equal(expected, Matches(expression));

    [Theory]
    [InlineData("rootcause.json = #[{ \"Services\": [ { \"Name\": \"api.example.com\" }, { \"Name\": \"worker\", \"EntityPath\": [ { \"Name\": \"worker\" }, { \"Name\": \"deserialize\" } ] } ] }]", true)]
    [InlineData("rootcause.json = #[{ \"Services\": [ { \"Name\": \"worker\" } ] }]", false)]
    [InlineData("rootcause.json = #[{ \"ClientImpacting\": false }]", true)]
    [InlineData("rootcause.json = #[{ \"Services\": [ {}, { \"Name\": \"traces\", \"Inferred\": true } ] }]", true)]
    [InlineData("rootcause.json = #[]", true)]
    public void RootCauseJsonIsAPartialMatch(string expression, bool expected) => Assert.Equal(expected, Matches(expression));

    [Fact]
    public void PartialTraceAndInProgressSegments()
    {
        var partial = SampleTrace.Build(partial: true);
        Assert.True(Matches("partial", partial));
        Assert.True(Matches("service(\"DynamoDB\") { partial }", partial));
        Assert.False(Matches("service(\"DynamoDB\") { responsetime < 10 }", partial));
        Assert.False(Matches("service(\"worker\") { partial }", partial));
    }

    [Fact]
    public void MissingFieldsNeverMatchEvenWithNotEqual()
    {
        var trace = new TraceFacts { RootSegment = new SegmentFacts { Name = "bare", StartTime = 1 }, Segments = [] };
        Assert.False(Matches("http.status != 200", trace));
        Assert.False(Matches("http.url != \"x\"", trace));
        Assert.False(Matches("http.url", trace));
        Assert.False(Matches("responsetime < 100", trace));
        Assert.False(Matches("duration > 0", trace));
        Assert.True(Matches("ok", trace));
    }

    [Fact]
    public void HttpStatusImpliesFlagsWhenFlagsAreAbsent()
    {
        var trace = new TraceFacts { RootSegment = new SegmentFacts { Name = "s", StartTime = 1, EndTime = 2, HttpStatus = 503 } };
        Assert.True(Matches("fault", trace));
        Assert.False(Matches("ok", trace));
        trace = new TraceFacts { RootSegment = new SegmentFacts { Name = "s", StartTime = 1, EndTime = 2, HttpStatus = 429 } };
        Assert.True(Matches("error AND throttle AND !fault", trace));
    }

    [Fact]
    public void CaseInsensitiveStringsIsASwitch()
    {
        var relaxed = new FilterEvaluator(new FilterEvaluationOptions { CaseInsensitiveStrings = true });
        Assert.False(Matches("http.url CONTAINS \"/API/\""));
        Assert.True(Matches("http.url CONTAINS \"/API/\"", evaluator: relaxed));
        Assert.True(Matches("user = \"ALICE\"", evaluator: relaxed));
    }

    [Fact]
    public void GroupsResolveThroughTheResolverAndStopOnCycles()
    {
        var groups = new Groups(new()
        {
            ["slow"] = FilterExpression.Parse("responsetime > 2"),
            ["fast"] = FilterExpression.Parse("responsetime < 1"),
            ["loop"] = FilterExpression.Parse("group.name = \"loop\""),
        });
        var evaluator = new FilterEvaluator(groups: groups);
        Assert.True(Matches("group.name = \"slow\" AND user = \"alice\"", evaluator: evaluator));
        Assert.False(Matches("group.name = \"fast\"", evaluator: evaluator));
        Assert.False(Matches("group.name = \"unknown\"", evaluator: evaluator));
        Assert.False(Matches("group.name = \"loop\"", evaluator: evaluator));
        Assert.False(Matches("group.name = \"slow\""));
    }

    private sealed class Groups(Dictionary<string, FilterNode> byName) : IGroupFilterResolver
    {
        public bool TryResolve(GroupReferenceKind kind, string value, out FilterNode? filter)
        {
            filter = null;
            return kind == GroupReferenceKind.Name && byName.TryGetValue(value, out filter);
        }
    }
}
