using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Fluoro.ConsoleLoad;

/// <summary>
/// Puts a realistic spread of traces through PutTraceSegments: a client calls web-frontend, which calls checkout
/// (then payments, then a PostgreSQL database) or catalog (then a DynamoDB table), with some errors, faults and
/// throttles. Start times spread over the last ten minutes.
/// </summary>
internal sealed class Seeder(HttpClient http)
{
    private const int BatchSize = 100;
    private readonly Random _random = new(42);
    private long _ids;

    public int Documents { get; private set; }

    /// <summary>Seeds <paramref name="count"/> traces plus one of 5,000 subsegments; returns the big trace's id.</summary>
    public async Task<string> SeedAsync(int count)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var batch = new List<string>(BatchSize + 8);
        var ids = new List<string>();
        var pending = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var start = now - 600 + (600.0 * i / count);
            var traceId = TraceId(start);
            ids.Add(traceId);
            batch.AddRange(Trace(traceId, start, i));
            if (batch.Count >= BatchSize)
            {
                pending.Add(PutAsync(batch.ToArray()));
                batch.Clear();
                if (pending.Count >= 4)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }
        }

        var big = TraceId(now - 30);
        pending.Add(PutAsync(batch.ToArray()));
        foreach (var chunk in BigTrace(big, now - 30).Chunk(10))
        {
            pending.Add(PutAsync(chunk));
        }

        await Task.WhenAll(pending);
        await WaitUntilQueryableAsync(big, ids[^1]);
        return big;
    }

    private async Task PutAsync(string[] documents)
    {
        Documents += documents.Length;
        var body = new JsonObject { ["TraceSegmentDocuments"] = new JsonArray(documents.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()) };
        using var response = await http.PostAsJsonAsync("/TraceSegments", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || text.Contains("\"Id\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("PutTraceSegments refused documents: " + text);
        }
    }

    private async Task WaitUntilQueryableAsync(params string[] traceIds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            using var response = await http.PostAsJsonAsync("/Traces", new JsonObject { ["TraceIds"] = new JsonArray(traceIds.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) });
            var text = await response.Content.ReadAsStringAsync();
            if (traceIds.All(t => text.Contains(t, StringComparison.Ordinal)) && !text.Contains("UnprocessedTraceIds\":[\"", StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("seeded traces never became queryable");
            }

            await Task.Delay(250);
        }
    }

    private IEnumerable<string> Trace(string traceId, double start, int i)
    {
        var roll = _random.NextDouble();
        var fault = roll < 0.02;
        var error = !fault && roll < 0.07;
        var throttle = !fault && !error && roll < 0.09;
        var checkout = i % 3 != 0;
        var total = 0.05 + (_random.NextDouble() * 0.4) + (fault ? 1.0 : 0);
        var web = Id();
        var call = Id();
        var status = fault ? 502 : error ? 404 : throttle ? 429 : 200;
        var downstreamName = checkout ? "checkout" : "catalog";
        yield return Json(new JsonObject
        {
            ["name"] = "web-frontend", ["id"] = web, ["trace_id"] = traceId, ["start_time"] = start, ["end_time"] = start + total,
            ["origin"] = "AWS::EC2::Instance", ["fault"] = fault, ["error"] = error, ["throttle"] = throttle,
            ["http"] = Http(checkout ? "POST" : "GET", checkout ? "http://shop.example/checkout" : $"http://shop.example/items/{i % 50}", status),
            ["annotations"] = new JsonObject { ["customer_tier"] = (i % 4) == 0 ? "gold" : "standard" },
            ["subsegments"] = new JsonArray(new JsonObject
            {
                ["name"] = downstreamName, ["id"] = call, ["namespace"] = "remote", ["start_time"] = start + 0.01, ["end_time"] = start + total - 0.01,
                ["fault"] = fault, ["http"] = Http("POST", $"http://{downstreamName}.internal/", fault ? 500 : 200),
            }),
        });
        var inner = start + 0.012;
        var innerEnd = start + total - 0.012;
        if (checkout)
        {
            var pay = Id();
            yield return Json(new JsonObject
            {
                ["name"] = "checkout", ["id"] = Id(), ["trace_id"] = traceId, ["parent_id"] = call, ["start_time"] = inner, ["end_time"] = innerEnd,
                ["origin"] = "AWS::ECS::Container", ["fault"] = fault, ["http"] = Http("POST", "http://checkout.internal/", fault ? 500 : 200),
                ["subsegments"] = new JsonArray(
                    new JsonObject
                    {
                        ["name"] = "payments", ["id"] = pay, ["namespace"] = "remote", ["start_time"] = inner + 0.005, ["end_time"] = innerEnd - 0.02,
                        ["fault"] = fault, ["http"] = Http("POST", "http://payments.internal/charge", fault ? 503 : 200),
                    },
                    new JsonObject
                    {
                        ["name"] = "orders@pg", ["id"] = Id(), ["namespace"] = "remote", ["start_time"] = innerEnd - 0.019, ["end_time"] = innerEnd - 0.005,
                        ["sql"] = new JsonObject { ["url"] = "postgresql://db.internal/orders", ["database_type"] = "PostgreSQL", ["sanitized_query"] = "INSERT INTO orders VALUES ($1, $2)" },
                    }),
            });
            yield return Json(new JsonObject
            {
                ["name"] = "payments", ["id"] = Id(), ["trace_id"] = traceId, ["parent_id"] = pay, ["start_time"] = inner + 0.006, ["end_time"] = innerEnd - 0.021,
                ["origin"] = "AWS::Lambda::Function", ["fault"] = fault,
            });
        }
        else
        {
            yield return Json(new JsonObject
            {
                ["name"] = "catalog", ["id"] = Id(), ["trace_id"] = traceId, ["parent_id"] = call, ["start_time"] = inner, ["end_time"] = innerEnd,
                ["origin"] = "AWS::ECS::Container", ["error"] = error, ["throttle"] = throttle,
                ["subsegments"] = new JsonArray(new JsonObject
                {
                    ["name"] = "DynamoDB", ["id"] = Id(), ["namespace"] = "aws", ["start_time"] = inner + 0.002, ["end_time"] = innerEnd - 0.002,
                    ["throttle"] = throttle, ["error"] = throttle,
                    ["aws"] = new JsonObject { ["operation"] = "GetItem", ["table_name"] = "items", ["region"] = "us-east-1" },
                    ["http"] = new JsonObject { ["response"] = new JsonObject { ["status"] = throttle ? 400 : 200 } },
                }),
            });
        }
    }

    /// <summary>
    /// One segment with 50 groups of 99 leaves plus the groups: 5,000 subsegments. Each group travels as its own
    /// subsegment document (as SDKs stream large traces), so no document is near the size limit.
    /// </summary>
    private IEnumerable<string> BigTrace(string traceId, double start)
    {
        var root = Id();
        yield return Json(new JsonObject
        {
            ["name"] = "batch-worker", ["id"] = root, ["trace_id"] = traceId, ["start_time"] = start, ["end_time"] = start + 1.01,
            ["origin"] = "AWS::EC2::Instance",
        });
        for (var g = 0; g < 50; g++)
        {
            var leaves = new JsonArray();
            for (var l = 0; l < 99; l++)
            {
                var t = start + (g * 0.02) + (l * 0.0002);
                leaves.Add(new JsonObject { ["name"] = $"query-{g}-{l}", ["id"] = Id(), ["start_time"] = t, ["end_time"] = t + 0.00015 });
            }

            yield return Json(new JsonObject
            {
                ["type"] = "subsegment", ["name"] = $"batch-{g}", ["id"] = Id(), ["trace_id"] = traceId, ["parent_id"] = root,
                ["start_time"] = start + (g * 0.02), ["end_time"] = start + (g * 0.02) + 0.0199, ["subsegments"] = leaves,
            });
        }
    }

    private static JsonObject Http(string method, string url, int status) => new()
    {
        ["request"] = new JsonObject { ["method"] = method, ["url"] = url },
        ["response"] = new JsonObject { ["status"] = status },
    };

    private static string Json(JsonObject node) => node.ToJsonString();

    private string Id() => Interlocked.Increment(ref _ids).ToString("x16", CultureInfo.InvariantCulture);

    private string TraceId(double start)
    {
        Span<byte> random = stackalloc byte[12];
        _random.NextBytes(random);
        return $"1-{((long)start).ToString("x8", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(random)}";
    }
}
