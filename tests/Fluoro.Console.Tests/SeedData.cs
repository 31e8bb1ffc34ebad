using System.Globalization;
using System.Text.Json.Nodes;

namespace Fluoro.Console.Tests;

/// <summary>Canned X-Ray and Lambda data in the documented AWS shapes, timed relative to now.</summary>
internal static class SeedData
{
    public const string BigTraceSubsegments = "5000";

    public static readonly double Now = Math.Floor(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);

    public static string TraceId(char fill, double start) =>
        $"1-{((long)start).ToString("x8", CultureInfo.InvariantCulture)}-{new string(fill, 24)}";

    public static readonly string CheckoutTrace = TraceId('a', Now - 300);
    public static readonly string FaultTrace = TraceId('b', Now - 200);
    public static readonly string NotFoundTrace = TraceId('c', Now - 100);
    public static readonly string BigTrace = TraceId('d', Now - 50);

    public static JsonObject ServiceGraph() => Obj(new()
    {
        ["Services"] = new JsonArray(
            Node(0, "checkout", "client", root: false, stats: null, Edge(1, ok: 50, error: 5, throttle: 0, fault: 5, responseTime: 6.0)),
            Node(1, "checkout", "AWS::EC2::Instance", root: true, stats: Stats(50, 5, 0, 5, 6.0),
                Edge(2, ok: 26, error: 0, throttle: 1, fault: 3, responseTime: 2.4),
                Edge(3, ok: 60, error: 0, throttle: 0, fault: 0, responseTime: 1.2)),
            Node(2, "payments", "AWS::Lambda::Function", root: false, stats: Stats(26, 0, 1, 3, 2.1)),
            Node(3, "orders-table", "AWS::DynamoDB::Table", root: false, stats: Stats(60, 0, 0, 0, 1.2))),
    });

    private static JsonObject Node(int id, string name, string type, bool root, JsonObject? stats, params JsonObject[] edges)
    {
        var node = Obj(new()
        {
            ["ReferenceId"] = id, ["Name"] = name, ["Names"] = new JsonArray(name), ["Type"] = type,
            ["State"] = type == "client" ? "unknown" : "active", ["StartTime"] = Now - 3000, ["EndTime"] = Now - 10,
            ["Edges"] = new JsonArray(edges),
        });
        if (root)
        {
            node["Root"] = true;
        }

        if (stats is not null)
        {
            node["SummaryStatistics"] = stats;
        }

        return node;
    }

    private static JsonObject Edge(int target, int ok, int error, int throttle, int fault, double responseTime) => Obj(new()
    {
        ["ReferenceId"] = target, ["StartTime"] = Now - 3000, ["EndTime"] = Now - 10,
        ["SummaryStatistics"] = Stats(ok, error, throttle, fault, responseTime), ["Aliases"] = new JsonArray(),
    });

    private static JsonObject Stats(int ok, int error, int throttle, int fault, double responseTime) => Obj(new()
    {
        ["OkCount"] = ok,
        ["ErrorStatistics"] = Obj(new() { ["ThrottleCount"] = throttle, ["OtherCount"] = error, ["TotalCount"] = error + throttle }),
        ["FaultStatistics"] = Obj(new() { ["OtherCount"] = fault, ["TotalCount"] = fault }),
        ["TotalCount"] = ok + error + throttle + fault,
        ["TotalResponseTime"] = responseTime,
    });

    public static List<JsonObject> Summaries() =>
    [
        Summary(CheckoutTrace, Now - 300, 0.120, "GET", "http://shop.local/cart", 200, ["checkout", "payments", "orders-table"], annotation: ("customer", "alice")),
        Summary(FaultTrace, Now - 200, 1.500, "POST", "http://shop.local/pay", 503, ["checkout", "payments"], fault: true),
        Summary(NotFoundTrace, Now - 100, 0.030, "GET", "http://shop.local/missing", 404, ["checkout"], error: true),
    ];

    private static JsonObject Summary(string id, double start, double rt, string method, string url, int status, string[] services,
        bool fault = false, bool error = false, (string Key, string Value)? annotation = null)
    {
        var annotations = new JsonObject();
        if (annotation is { } a)
        {
            annotations[a.Key] = new JsonArray(Obj(new() { ["AnnotationValue"] = Obj(new() { ["StringValue"] = a.Value }) }));
        }

        return Obj(new()
        {
            ["Id"] = id, ["StartTime"] = start, ["Duration"] = rt, ["ResponseTime"] = rt,
            ["HasFault"] = fault, ["HasError"] = error, ["HasThrottle"] = false, ["IsPartial"] = false,
            ["Http"] = Obj(new() { ["HttpURL"] = url, ["HttpStatus"] = status, ["HttpMethod"] = method }),
            ["Annotations"] = annotations, ["Users"] = new JsonArray(),
            ["ServiceIds"] = new JsonArray(services.Select(s => (JsonNode)Obj(new() { ["Name"] = s, ["Names"] = new JsonArray(s) })).ToArray()),
        });
    }

    /// <summary>checkout calls payments (a real segment) and DynamoDB (an inferred node); payments fails.</summary>
    public static JsonObject CheckoutTraceBody()
    {
        var start = Now - 300;
        var root = Obj(new()
        {
            ["id"] = "1111111111111111", ["trace_id"] = CheckoutTrace, ["name"] = "checkout", ["origin"] = "AWS::EC2::Instance",
            ["start_time"] = start, ["end_time"] = start + 0.120,
            ["http"] = Obj(new() { ["request"] = Obj(new() { ["method"] = "GET", ["url"] = "http://shop.local/cart" }), ["response"] = Obj(new() { ["status"] = 200 }) }),
            ["annotations"] = Obj(new() { ["customer"] = "alice" }),
            ["metadata"] = Obj(new() { ["default"] = Obj(new() { ["cart_items"] = 3 }) }),
            ["subsegments"] = new JsonArray(
                Obj(new()
                {
                    ["id"] = "2222222222222222", ["name"] = "payments", ["namespace"] = "remote", ["start_time"] = start + 0.010, ["end_time"] = start + 0.090,
                    ["http"] = Obj(new() { ["request"] = Obj(new() { ["method"] = "POST", ["url"] = "http://payments.local/charge" }), ["response"] = Obj(new() { ["status"] = 200 }) }),
                }),
                Obj(new()
                {
                    ["id"] = "3333333333333333", ["name"] = "DynamoDB", ["namespace"] = "aws", ["start_time"] = start + 0.092, ["end_time"] = start + 0.112,
                    ["aws"] = Obj(new() { ["operation"] = "PutItem", ["table_name"] = "orders-table" }),
                }),
                Obj(new()
                {
                    ["id"] = "4444444444444444", ["name"] = "render-receipt", ["start_time"] = start + 0.012, ["end_time"] = start + 0.030,
                    ["fault"] = true,
                    ["cause"] = Obj(new()
                    {
                        ["working_directory"] = "/app",
                        ["exceptions"] = new JsonArray(Obj(new()
                        {
                            ["id"] = "5555555555555555", ["type"] = "TemplateError", ["message"] = "receipt template missing",
                            ["stack"] = new JsonArray(Obj(new() { ["path"] = "Receipt.cs", ["line"] = 42, ["label"] = "Receipt.Render" })),
                        })),
                    }),
                })),
        });
        var payments = Obj(new()
        {
            ["id"] = "6666666666666666", ["trace_id"] = CheckoutTrace, ["parent_id"] = "2222222222222222", ["name"] = "payments",
            ["origin"] = "AWS::Lambda::Function", ["start_time"] = start + 0.015, ["end_time"] = start + 0.085,
            ["subsegments"] = new JsonArray(Obj(new()
            {
                ["id"] = "7777777777777777", ["name"] = "postgres@db", ["namespace"] = "remote", ["start_time"] = start + 0.020, ["end_time"] = start + 0.080,
                ["sql"] = Obj(new() { ["sanitized_query"] = "SELECT balance FROM accounts WHERE id = $1", ["database_type"] = "PostgreSQL" }),
            })),
        });
        return Obj(new()
        {
            ["Traces"] = new JsonArray(Obj(new()
            {
                ["Id"] = CheckoutTrace, ["Duration"] = 0.120, ["LimitExceeded"] = false,
                ["Segments"] = new JsonArray(
                    Obj(new() { ["Id"] = "1111111111111111", ["Document"] = root.ToJsonString() }),
                    Obj(new() { ["Id"] = "6666666666666666", ["Document"] = payments.ToJsonString() })),
            })),
            ["UnprocessedTraceIds"] = new JsonArray(),
        });
    }

    /// <summary>One segment with 50 groups of 99 leaf subsegments plus the groups themselves: 5,000 subsegments.</summary>
    public static JsonObject BigTraceBody()
    {
        var start = Now - 50;
        var groups = new JsonArray();
        for (var g = 0; g < 50; g++)
        {
            var leaves = new JsonArray();
            for (var i = 0; i < 99; i++)
            {
                var t = start + (g * 0.1) + (i * 0.001);
                leaves.Add(Obj(new()
                {
                    ["id"] = $"{g:x4}{i:x4}00000000", ["name"] = $"query-{g}-{i}", ["namespace"] = "remote",
                    ["start_time"] = t, ["end_time"] = t + 0.0008,
                }));
            }

            groups.Add(Obj(new()
            {
                ["id"] = $"ffff{g:x4}00000000", ["name"] = $"batch-{g}", ["start_time"] = start + (g * 0.1), ["end_time"] = start + (g * 0.1) + 0.099,
                ["subsegments"] = leaves,
            }));
        }

        var root = Obj(new()
        {
            ["id"] = "9999999999999999", ["trace_id"] = BigTrace, ["name"] = "bulk-import", ["start_time"] = start, ["end_time"] = start + 5.0,
            ["subsegments"] = groups,
        });
        return Obj(new()
        {
            ["Traces"] = new JsonArray(Obj(new()
            {
                ["Id"] = BigTrace, ["Duration"] = 5.0,
                ["Segments"] = new JsonArray(Obj(new() { ["Id"] = "9999999999999999", ["Document"] = root.ToJsonString() })),
            })),
        });
    }

    public static List<JsonObject> Functions() =>
    [
        Function("hello", "nodejs20.x", "index.handler", "PassThrough"),
        Function("worker", "dotnet8", "Worker::Worker.Function::Handle", "Active"),
    ];

    private static JsonObject Function(string name, string runtime, string handler, string mode) => Obj(new()
    {
        ["FunctionName"] = name, ["FunctionArn"] = $"arn:aws:lambda:us-east-1:000000000000:function:{name}",
        ["Runtime"] = runtime, ["Role"] = "arn:aws:iam::000000000000:role/lambda-role", ["Handler"] = handler,
        ["CodeSize"] = 48213, ["Description"] = "", ["Timeout"] = 3, ["MemorySize"] = 128,
        ["LastModified"] = "2026-11-28T12:00:00.000+0000", ["CodeSha256"] = "YFgDgEKG3ugvF1+pX64gV6tu9qNuIYNUdgJm8nCxsm4=",
        ["Version"] = "$LATEST", ["TracingConfig"] = Obj(new() { ["Mode"] = mode }), ["RevisionId"] = Guid.NewGuid().ToString(),
        ["State"] = "Active", ["LastUpdateStatus"] = "Successful", ["PackageType"] = "Zip", ["Architectures"] = new JsonArray("x86_64"),
        ["Environment"] = Obj(new() { ["Variables"] = Obj(new() { ["STAGE"] = "dev" }) }),
    });

    public static JsonObject DefaultRule() => Obj(new()
    {
        ["SamplingRule"] = Obj(new()
        {
            ["RuleName"] = "Default", ["RuleARN"] = "arn:aws:xray:us-east-1:000000000000:sampling-rule/Default", ["ResourceARN"] = "*",
            ["Priority"] = 10000, ["FixedRate"] = 0.05, ["ReservoirSize"] = 1, ["ServiceName"] = "*", ["ServiceType"] = "*",
            ["Host"] = "*", ["HTTPMethod"] = "*", ["URLPath"] = "*", ["Version"] = 1, ["Attributes"] = new JsonObject(),
        }),
        ["CreatedAt"] = 0.0, ["ModifiedAt"] = Now - 3600,
    });

    public static JsonObject Health() => Obj(new()
    {
        ["status"] = "ok", ["version"] = "0.1.0",
        ["daemon"] = Obj(new() { ["received"] = 1200, ["rejected"] = 3, ["dropped"] = 0, ["stored"] = 1197 }),
        ["store"] = Obj(new() { ["backend"] = "duckdb", ["traces"] = 3, ["sizeBytes"] = 7340032 }),
        ["retention"] = Obj(new() { ["hours"] = 24 }),
    });

    public static JsonObject Obj(Dictionary<string, JsonNode?> members) => new(members);
}
