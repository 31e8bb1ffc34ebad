using Fluoro.Storage;
using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

/// <summary>
/// The store pre-filter derived from an expression never loses a match: for many expressions (the documented examples
/// among them) and their negations, GetTraceSummaries returns the same traces with push-down as without it.
/// </summary>
public sealed class FilterPushdownTests(DuckDbSeededStore duckDb) : IClassFixture<DuckDbSeededStore>
{
    private const double T0 = 0x65000000;

    private static readonly string[] Traces =
    [
        "1-65000000-000000000000000000000001",
        "1-65000001-000000000000000000000002",
        "1-65000002-000000000000000000000003",
        "1-65000003-000000000000000000000004",
        "1-65000004-000000000000000000000005",
        "1-65000005-000000000000000000000006",
    ];

    public static TheoryData<string> Expressions =>
    [
        "ok", "!ok", "ok = false", "fault", "error", "throttle", "fault = false", "partial", "inferred", "root", "first", "remote",
        "http.status != 200", "http.status = 502", "http.status >= 500", "responsetime > 2", "responsetime > 5", "duration < 1",
        "http.url CONTAINS \"health\"", "http.url BEGINSWITH \"http://front/\"", "http.method = \"POST\"", "http.url",
        "user CONTAINS \"\"", "user = \"bob\"", "user != \"bob\"", "user", "name = \"frontend\"", "type = \"AWS::EC2::Instance\"",
        "account.id = \"123456789012\"", "availabilityzone = \"us-east-1a\"", "instance.id BEGINSWITH \"i-\"", "resource.arn",
        "annotation.customer = \"acme\"", "annotation.customer", "!annotation.customer", "annotation.attempt >= 3",
        "annotation.attempt = \"3\"", "annotation.vip = true", "annotation.vip != true", "annotation.customer ENDSWITH \"bex\"",
        "service(\"backend\")", "service(\"frontend\")", "service(\"orders\")", "service(\"api.example.com\")", "service(\"nobody\")",
        "service()", "service(\"backend\") { error }", "service(id(name: \"orders\", type: \"AWS::DynamoDB::Table\"))",
        "service(id(type: \"remote\"))", "service(id(name: \"backend\", type: \"AWS::Lambda::Function\"))",
        "service(id(account.id: \"123456789012\"))", "service(\"db.example.com\")", "service(id(type: \"Database::SQL\"))",
        "edge(\"frontend\", \"backend\")", "edge(\"frontend\", \"orders\") { fault }", "edge(\"frontend\", \"api.example.com\")",
        "!fault AND service(\"frontend\")", "service(\"frontend\") AND annotation.customer = \"acme\"",
        "service(\"frontend\") OR annotation.customer = \"globex\"", "!(service(\"frontend\") AND !annotation.customer)",
        "rootcause.error.service { name = \"backend\" }", "rootcause.fault.service { name = \"frontend\" }",
        "rootcause.responsetime.service { last and name = \"backend\" }", "rootcause.json = #[{}]",
        "responsetime > 5", "duration >= 5 AND duration <= 8", "ok !partial duration <3", "http.url CONTAINS \"/api/game/\"",
        "annotation.gameid = \"817DL6VO\"", "annotation.age", "!annotation.age", "annotation.age > 29", "annotation.account = \"12345\"",
        "http.url AND responseTime > 2", "rootcause.fault.service { index > 5 }", "rootcause.fault.service { name = \"Auth\" }",
        "service(\"api.example.com\") { fault = true OR responsetime > 2.5 } AND annotation.account = \"12345\"",
        "edge(\"api.example.com\", \"backend.example.com\") { error }",
        "http.url BEGINSWITH \"http://api.example.com/\" AND http.url CONTAINS \"/v2/\" AND !service(\"api.example.com\")",
        "group.name = \"high_response_time\" AND user = \"alice\"", "service(id(name: \"random-name\", type: \"AWS::Lambda::Function\")) { error }",
        "service(\"data-plane\") {root = true and fault = true}", "rootcause.fault.entity { last and name = \"deserialize\" }",
        "fault = true AND http.url CONTAINS \"example/game\" AND responsetime >= 5",
        "rootcause.fault.service { name CONTAINS \"db-cluster-1\" } AND (service(id(type: \"Database::SQL\")))",
        "annotation.customer = \"initech\"", "service(\"legacy\")", "service(\"legacy\") OR service(\"orders\")",
        "service(\"DynamoDB\")", "service(id(name: \"api.example.com\", type: \"remote\")) AND annotation.customer = \"globex\"",
    ];

    [Theory]
    [MemberData(nameof(Expressions))]
    public async Task Pushdown_returns_what_scanning_every_trace_returns(string expression)
    {
        var store = new InMemoryTraceStore();
        await SeedAsync(store);
        await AssertPushdownMatchesScanAsync(store, expression);
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public async Task Pushdown_to_duckdb_sql_returns_what_scanning_every_trace_returns(string expression)
    {
        await AssertPushdownMatchesScanAsync(await duckDb.GetAsync(), expression);
    }

    private static async Task AssertPushdownMatchesScanAsync(ITraceStore store, string expression)
    {
        var pushed = new TraceQueryService(store, new FilterExpressionCompiler());
        var scanned = new TraceQueryService(store, new ScanOnlyCompiler());
        foreach (var text in new[] { expression, $"!({expression})" })
        {
            var expected = await IdsAsync(scanned, text);
            var actual = await IdsAsync(pushed, text);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Exact_atoms_leave_no_candidate_to_reject()
    {
        var store = new InMemoryTraceStore();
        await SeedAsync(store);
        var queries = new TraceQueryService(store, new FilterExpressionCompiler());

        var result = await queries.GetTraceSummariesAsync(new GetTraceSummariesRequest
        {
            StartTime = T0 - 10,
            EndTime = T0 + 100,
            FilterExpression = "service(\"frontend\") AND annotation.customer = \"acme\"",
        }).AsTask().DefaultTimeout();

        Assert.Equal([Traces[0]], result.TraceSummaries.Select(s => s.Id));
        Assert.Equal(1, result.TracesProcessedCount);
    }

    private static async Task<List<string>> IdsAsync(TraceQueryService queries, string expression)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await queries.GetTraceSummariesAsync(new GetTraceSummariesRequest
            {
                StartTime = T0 - 10,
                EndTime = T0 + 100,
                FilterExpression = expression,
                NextToken = token,
            }).AsTask().DefaultTimeout();
            ids.AddRange(page.TraceSummaries.Select(s => s.Id!));
            token = page.NextToken;
        }
        while (token is not null);

        return ids;
    }

    internal static async Task SeedAsync(ITraceStore store)
    {
        var ingest = new SegmentIngestService(store, new IngestCounters(), new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds((long)T0 + 50)));
        var (a, b, c, d, e, f) = (Traces[0], Traces[1], Traces[2], Traces[3], Traces[4], Traces[5]);
        var documents = new[]
        {
            // a: frontend (fault, 502) calls DynamoDB table "orders" (inferred) and backend (real, error 404).
            Docs.Segment(a, "6226467e3f845502", "frontend", T0 + 1, T0 + 4,
                ",\"origin\":\"AWS::EC2::Instance\",\"user\":\"alice\",\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"http://front/api\"},\"response\":{\"status\":502}},\"fault\":true,"
                + "\"annotations\":{\"customer\":\"acme\",\"vip\":true},\"aws\":{\"account_id\":\"123456789012\",\"ec2\":{\"instance_id\":\"i-0abc\",\"availability_zone\":\"us-east-1a\"}},"
                + "\"subsegments\":[{\"id\":\"4cd3f10b76c624b4\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"fault\":true,\"start_time\":" + Docs.Num(T0 + 1.5) + ",\"end_time\":" + Docs.Num(T0 + 1.7) + ",\"aws\":{\"table_name\":\"orders\"}},"
                + "{\"id\":\"5cd3f10b76c624b4\",\"name\":\"backend\",\"namespace\":\"remote\",\"start_time\":" + Docs.Num(T0 + 2) + ",\"end_time\":" + Docs.Num(T0 + 3.9) + "}]"),
            Docs.Segment(a, "7226467e3f845502", "backend", T0 + 2.1, T0 + 3.8,
                ",\"parent_id\":\"5cd3f10b76c624b4\",\"origin\":\"AWS::Lambda::Function\",\"error\":true,\"http\":{\"response\":{\"status\":404}},\"annotations\":{\"customer\":\"globex\",\"attempt\":3}"),

            // b: a healthy frontend request, first sent in progress with an annotation and a call it then dropped.
            Docs.Segment(b, "8226467e3f845502", "frontend", T0 + 2, null,
                ",\"origin\":\"AWS::EC2::Instance\",\"annotations\":{\"customer\":\"initech\"},\"subsegments\":[{\"id\":\"8326467e3f845502\",\"name\":\"legacy\",\"namespace\":\"remote\",\"start_time\":" + Docs.Num(T0 + 2.1) + ",\"end_time\":" + Docs.Num(T0 + 2.2) + "}]"),
            Docs.Segment(b, "8226467e3f845502", "frontend", T0 + 2, T0 + 2.5,
                ",\"origin\":\"AWS::EC2::Instance\",\"user\":\"bob\",\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://front/health\"},\"response\":{\"status\":200}}"),

            // c: backend calls a remote HTTP API and a SQL database, throttled (429), in a standalone subsegment.
            Docs.Segment(c, "9226467e3f845502", "backend", T0 + 3, T0 + 9.5,
                ",\"origin\":\"AWS::Lambda::Function\",\"throttle\":true,\"http\":{\"response\":{\"status\":429}},\"annotations\":{\"customer\":\"globex\",\"attempt\":\"3\"}"),
            Docs.Subsegment(c, "a226467e3f845502", "9226467e3f845502", "api.example.com", T0 + 3.5, T0 + 9,
                ",\"namespace\":\"remote\",\"http\":{\"request\":{\"url\":\"https://api.example.com/v2/items\"},\"response\":{\"status\":500}},"
                + "\"subsegments\":[{\"id\":\"b226467e3f845502\",\"name\":\"db.example.com\",\"namespace\":\"remote\",\"sql\":{\"url\":\"db\"},\"start_time\":" + Docs.Num(T0 + 4) + ",\"end_time\":" + Docs.Num(T0 + 4.5) + "}]"),

            // d: in progress, with a user only on a (spec-breaking) subsegment.
            Docs.Segment(d, "c226467e3f845502", "frontend", T0 + 4, null,
                ",\"origin\":\"AWS::EC2::Instance\",\"subsegments\":[{\"id\":\"d226467e3f845502\",\"name\":\"work\",\"user\":\"mallory\",\"start_time\":" + Docs.Num(T0 + 4.1) + ",\"end_time\":" + Docs.Num(T0 + 4.2) + "}]"),

            // e: an orphan subsegment only (its parent never arrived).
            Docs.Subsegment(e, "e226467e3f845502", "f226467e3f845502", "orphan", T0 + 5, T0 + 5.5, ",\"namespace\":\"aws\",\"annotations\":{\"customer\":\"acme\"}"),

            // f: status written as 500.0, resource ARN, an http.url on a subsegment only.
            Docs.Segment(f, "0326467e3f845502", "worker", T0 + 6, T0 + 6.2,
                ",\"resource_arn\":\"arn:aws:lambda:us-east-1:123456789012:function:worker\",\"http\":{\"response\":{\"status\":500.0}},"
                + "\"subsegments\":[{\"id\":\"1326467e3f845502\",\"name\":\"call\",\"http\":{\"request\":{\"url\":\"http://front/health\"}},\"start_time\":" + Docs.Num(T0 + 6.05) + ",\"end_time\":" + Docs.Num(T0 + 6.1) + "}]"),
        };
        var result = await ingest.IngestAsync(documents.Select(Docs.Utf8).ToList()).AsTask().DefaultTimeout();
        Assert.Empty(result.Unprocessed);
    }

    /// <summary>The same predicate without a store filter: every trace of the window is evaluated in memory.</summary>
    private sealed class ScanOnlyCompiler : ITraceFilterCompiler
    {
        private readonly FilterExpressionCompiler _inner = new();

        public Func<TraceFilterInput, bool> Compile(string filterExpression) => _inner.Compile(filterExpression);
    }
}
