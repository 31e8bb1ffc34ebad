using Fluoro.FilterExpressions;
using static Fluoro.FilterExpressions.ComparisonOperator;
using static Fluoro.FilterExpressions.FilterKeyword;
using static Fluoro.FilterExpressions.Tests.Ast;

namespace Fluoro.FilterExpressions.Tests;

/// <summary>Every example of spec §10.3 parses to the tree it means.</summary>
public sealed class DocumentedExampleTests
{
    private static void AssertParses(string text, FilterNode expected)
    {
        var actual = FilterExpression.Parse(text);
        Assert.Equal(expected, actual);

        // The canonical print of the tree parses back to the same tree.
        Assert.Equal(expected, FilterExpression.Parse(actual.ToString()));
    }

    [Fact]
    public void ResponseTimeGreaterThan() => AssertParses("responsetime > 5", Kw(ResponseTime, GreaterThan, 5));

    [Fact]
    public void DurationRange() =>
        AssertParses("duration >= 5 AND duration <= 8", And(Kw(Duration, GreaterThanOrEqual, 5), Kw(Duration, LessThanOrEqual, 8)));

    [Fact]
    public void BareOk() => AssertParses("ok", Kw(Ok));

    [Fact]
    public void NegatedOk() => AssertParses("!ok", Not(Kw(Ok)));

    [Fact]
    public void OkEqualsFalse() => AssertParses("ok = false", Kw(Ok, Equal, false));

    [Fact]
    public void JuxtapositionMeansAnd() =>
        AssertParses("ok !partial duration <3", And(Kw(Ok), Not(Kw(Partial)), Kw(Duration, LessThan, 3)));

    [Fact]
    public void HttpStatusNotEqual() => AssertParses("http.status != 200", Kw(HttpStatus, NotEqual, 200));

    [Fact]
    public void HttpUrlContains() => AssertParses("http.url CONTAINS \"/api/game/\"", Kw(HttpUrl, Contains, "/api/game/"));

    [Fact]
    public void UserContainsEmpty() => AssertParses("user CONTAINS \"\"", Kw(User, Contains, ""));

    [Fact]
    public void AnnotationStringEquals() =>
        AssertParses("annotation.gameid = \"817DL6VO\"", new AnnotationNode("gameid", Equal, new StringValue("817DL6VO")));

    [Fact]
    public void AnnotationIsSet() => AssertParses("annotation.age", new AnnotationNode("age"));

    [Fact]
    public void AnnotationIsNotSet() => AssertParses("!annotation.age", Not(new AnnotationNode("age")));

    [Fact]
    public void AnnotationNumberGreaterThan() =>
        AssertParses("annotation.age > 29", new AnnotationNode("age", GreaterThan, new NumberValue(29)));

    [Fact]
    public void AnnotationQuotedNumberIsString() =>
        AssertParses("annotation.account = \"12345\"", new AnnotationNode("account", Equal, new StringValue("12345")));

    [Fact]
    public void ServiceWithFaultBlock() => AssertParses("service(\"api.example.com\") { fault }", Service("api.example.com", Kw(Fault)));

    [Fact]
    public void AnyServiceWithFaultBlock() => AssertParses("service() { fault }", Service((string?)null, Kw(Fault)));

    [Fact]
    public void ServiceBlockWithOrThenAnnotation() =>
        AssertParses(
            "service(\"api.example.com\") { fault = true OR responsetime > 2.5 } AND annotation.account = \"12345\"",
            And(
                Service("api.example.com", Or(Kw(Fault, Equal, true), Kw(ResponseTime, GreaterThan, 2.5))),
                new AnnotationNode("account", Equal, new StringValue("12345"))));

    [Fact]
    public void EdgeWithErrorBlock() =>
        AssertParses(
            "edge(\"api.example.com\", \"backend.example.com\") { error }",
            new EdgeNode(ServiceTarget.ForName("api.example.com"), ServiceTarget.ForName("backend.example.com"), Kw(Error)));

    [Fact]
    public void UrlChecksAndExcludedService() =>
        AssertParses(
            "http.url BEGINSWITH \"http://api.example.com/\" AND http.url CONTAINS \"/v2/\" AND !service(\"api.example.com\")",
            And(Kw(HttpUrl, BeginsWith, "http://api.example.com/"), Kw(HttpUrl, Contains, "/v2/"), Not(Service("api.example.com"))));

    [Fact]
    public void BareStringKeywordAndCamelCaseKeyword() =>
        AssertParses("http.url AND responseTime > 2", And(Kw(HttpUrl), Kw(ResponseTime, GreaterThan, 2)));

    [Fact]
    public void GroupNameAndUser() =>
        AssertParses(
            "group.name = \"high_response_time\" AND user = \"alice\"",
            And(new GroupNode(GroupReferenceKind.Name, "high_response_time"), Kw(User, Equal, "alice")));

    [Fact]
    public void ServiceByIdNameAndType() =>
        AssertParses(
            "service(id(name: \"random-name\", type: \"AWS::Lambda::Function\")) { error }",
            Service(ServiceTarget.ForId("random-name", "AWS::Lambda::Function"), Kw(Error)));

    [Fact]
    public void ServiceByIdTypeOnly() =>
        AssertParses("service(id(type: \"AWS::Lambda::Function\")) { error }", Service(ServiceTarget.ForId(type: "AWS::Lambda::Function"), Kw(Error)));

    [Fact]
    public void ServiceByAccountIdWithoutBlock() =>
        AssertParses("service(id(account.id: \"account-id\"))", Service(ServiceTarget.ForId(accountId: "account-id")));

    [Fact]
    public void EdgeBetweenIds() =>
        AssertParses(
            "edge(id(name: \"service-one\", type:\"service::type\"), id(name: \"service-two\", type:\"service::type\")) { fault }",
            new EdgeNode(ServiceTarget.ForId("service-one", "service::type"), ServiceTarget.ForId("service-two", "service::type"), Kw(Fault)));

    [Fact]
    public void ServiceRootAndFaultLowerCaseAnd() =>
        AssertParses(
            "service(\"data-plane\") {root = true and fault = true}",
            Service("data-plane", And(Kw(Root, Equal, true), Kw(Fault, Equal, true))));

    [Fact]
    public void RootCauseFaultEntityLast() =>
        AssertParses(
            "rootcause.fault.entity { last and name = \"deserialize\" }",
            new RootCauseNode(RootCauseCategory.Fault, RootCauseScope.Entity, And(Kw(Last), Kw(Name, Equal, "deserialize"))));

    [Fact]
    public void RootCauseResponseTimeEntityRemoteCoverage() =>
        AssertParses(
            "rootcause.responsetime.entity { remote and coverage > 0.7 and name = \"traces\" }",
            new RootCauseNode(
                RootCauseCategory.ResponseTime,
                RootCauseScope.Entity,
                And(Kw(Remote), Kw(Coverage, GreaterThan, 0.7), Kw(Name, Equal, "traces"))));

    [Fact]
    public void RootCauseFaultServiceWithBareWordValue() =>
        AssertParses(
            "rootcause.fault.service { inferred and name = traces and type = \"AWS::DynamoDB\" }",
            new RootCauseNode(
                RootCauseCategory.Fault,
                RootCauseScope.Service,
                And(Kw(Inferred), Kw(Name, Equal, "traces"), Kw(FilterKeyword.Type, Equal, "AWS::DynamoDB"))));

    [Fact]
    public void RootCauseFaultServiceIndex() =>
        AssertParses("rootcause.fault.service { index > 5 }", new RootCauseNode(RootCauseCategory.Fault, RootCauseScope.Service, Kw(FilterKeyword.Index, GreaterThan, 5)));

    [Fact]
    public void RootCauseResponseTimeEntityLastCoverage() =>
        AssertParses(
            "rootcause.responsetime.entity { last and coverage > 0.8 }",
            new RootCauseNode(RootCauseCategory.ResponseTime, RootCauseScope.Entity, And(Kw(Last), Kw(Coverage, GreaterThan, 0.8))));

    [Fact]
    public void RootCauseFaultServiceName() =>
        AssertParses("rootcause.fault.service { name = \"Auth\" }", new RootCauseNode(RootCauseCategory.Fault, RootCauseScope.Service, Kw(Name, Equal, "Auth")));

    [Fact]
    public void RootCauseResponseTimeServiceLastType() =>
        AssertParses(
            "rootcause.responsetime.service { last and type = \"AWS::DynamoDB\" }",
            new RootCauseNode(RootCauseCategory.ResponseTime, RootCauseScope.Service, And(Kw(Last), Kw(FilterKeyword.Type, Equal, "AWS::DynamoDB"))));

    [Fact]
    public void RootCauseFaultExceptionMessage() =>
        AssertParses(
            "rootcause.fault.exception { last and message = \"Access Denied for account_id: 1234567890\" }",
            new RootCauseNode(
                RootCauseCategory.Fault,
                RootCauseScope.Exception,
                And(Kw(Last), Kw(Message, Equal, "Access Denied for account_id: 1234567890"))));

    [Fact]
    public void RootCauseJson()
    {
        const string text = "rootcause.json = #[{ \"Services\": [ { \"Name\": \"GetWeatherData\", \"EntityPath\": [{ \"Name\": \"GetWeatherData\" }, { \"Name\": \"get_temperature\" } ] }, { \"Name\": \"GetTemperature\", \"EntityPath\": [ { \"Name\": \"GetTemperature\" } ] } ] }]";
        AssertParses(
            text,
            new RootCauseJsonNode(
                "[{\"Services\":[{\"Name\":\"GetWeatherData\",\"EntityPath\":[{\"Name\":\"GetWeatherData\"},{\"Name\":\"get_temperature\"}]},{\"Name\":\"GetTemperature\",\"EntityPath\":[{\"Name\":\"GetTemperature\"}]}]}]"));
    }

    [Fact]
    public void FaultUrlAndResponseTime() =>
        AssertParses(
            "fault = true AND http.url CONTAINS \"example/game\" AND responsetime >= 5",
            And(Kw(Fault, Equal, true), Kw(HttpUrl, Contains, "example/game"), Kw(ResponseTime, GreaterThanOrEqual, 5)));

    [Fact]
    public void RootCauseAndParenthesisedService() =>
        AssertParses(
            "rootcause.fault.service { name CONTAINS \"db-cluster-1\" } AND (service(id(type: \"Database::SQL\")))",
            And(
                new RootCauseNode(RootCauseCategory.Fault, RootCauseScope.Service, Kw(Name, Contains, "db-cluster-1")),
                Service(ServiceTarget.ForId(type: "Database::SQL"))));

    [Fact]
    public void GroupDocumentationExpression() =>
        AssertParses("service(\"mydomain.com\") {fault OR error}", Service("mydomain.com", Or(Kw(Fault), Kw(Error))));

    [Fact]
    public void GroupDocumentationResponseTime() => AssertParses("responsetime > 2", Kw(ResponseTime, GreaterThan, 2));
}
