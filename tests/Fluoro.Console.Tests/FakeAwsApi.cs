using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Console.Tests;

/// <summary>
/// The console on a real socket, next to a small stand-in for the AWS-compatible routes the pages call.
/// The stand-in exists only because those APIs are built by other parts in parallel; it answers in the
/// documented shapes and records what the browser sent.
/// </summary>
internal sealed partial class FakeAwsApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _rules = [SeedData.DefaultRule()];
    private readonly List<JsonObject> _groups = [];
    private readonly List<JsonObject> _functions = SeedData.Functions();

    private FakeAwsApi(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeAwsApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAwsApi(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            context.Request.Body.Position = 0;
            if (!context.Request.Path.StartsWithSegments("/console") && context.Request.Path != "/")
            {
                var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                fake.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body, headers));
            }

            await next();
        });
        app.MapFluoroConsole();
        fake.MapRoutes(app);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        fake.BaseUrl = addresses.Addresses.First().TrimEnd('/');
        return fake;
    }

    public IEnumerable<RecordedRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path.StartsWith(path, StringComparison.Ordinal));

    private void MapRoutes(WebApplication app)
    {
        app.MapPost("/ServiceGraph", () => Json(SeedData.ServiceGraph()));
        app.MapPost("/TraceSummaries", async (HttpRequest request) => TraceSummaries(await ReadAsync(request)));
        app.MapPost("/Traces", async (HttpRequest request) =>
        {
            var ids = (await ReadAsync(request))["TraceIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
            if (ids.Contains(SeedData.CheckoutTrace))
            {
                return Json(SeedData.CheckoutTraceBody());
            }

            return ids.Contains(SeedData.BigTrace)
                ? Json(SeedData.BigTraceBody())
                : Json(SeedData.Obj(new() { ["Traces"] = new JsonArray(), ["UnprocessedTraceIds"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray()) }));
        });
        app.MapPost("/GetSamplingRules", () =>
        {
            lock (_gate)
            {
                return Json(SeedData.Obj(new() { ["SamplingRuleRecords"] = new JsonArray(_rules.Select(r => r.DeepClone()).ToArray()) }));
            }
        });
        app.MapPost("/CreateSamplingRule", async (HttpRequest request) => CreateRule(await ReadAsync(request)));
        app.MapPost("/UpdateSamplingRule", async (HttpRequest request) => UpdateRule(await ReadAsync(request)));
        app.MapPost("/DeleteSamplingRule", async (HttpRequest request) =>
        {
            var name = (await ReadAsync(request))["RuleName"]?.GetValue<string>();
            lock (_gate)
            {
                var rule = _rules.FirstOrDefault(r => r["SamplingRule"]!["RuleName"]!.GetValue<string>() == name);
                if (rule is null || name == "Default")
                {
                    return Error(400, "InvalidRequestException", $"Cannot delete sampling rule {name}.");
                }

                _rules.Remove(rule);
                return Json(SeedData.Obj(new() { ["SamplingRuleRecord"] = rule.DeepClone() }));
            }
        });
        app.MapPost("/Groups", () =>
        {
            lock (_gate)
            {
                return Json(SeedData.Obj(new() { ["Groups"] = new JsonArray(_groups.Select(g => g.DeepClone()).ToArray()) }));
            }
        });
        app.MapPost("/CreateGroup", async (HttpRequest request) =>
        {
            var input = await ReadAsync(request);
            var name = input["GroupName"]?.GetValue<string>() ?? "";
            if (!GroupName().IsMatch(name))
            {
                return Error(400, "InvalidRequestException", "Group name must be 1-32 alphanumeric characters or dashes.");
            }

            var group = SeedData.Obj(new()
            {
                ["GroupName"] = name, ["GroupARN"] = $"arn:aws:xray:us-east-1:000000000000:group/{name}/1",
                ["FilterExpression"] = input["FilterExpression"]?.DeepClone(), ["InsightsConfiguration"] = input["InsightsConfiguration"]?.DeepClone(),
            });
            lock (_gate)
            {
                _groups.Add(group);
            }

            return Json(SeedData.Obj(new() { ["Group"] = group.DeepClone() }));
        });
        app.MapGet("/2015-03-31/functions", () =>
        {
            lock (_gate)
            {
                return Json(SeedData.Obj(new() { ["Functions"] = new JsonArray(_functions.Select(f => f.DeepClone()).ToArray()) }));
            }
        });
        app.MapGet("/2015-03-31/functions/{name}", (string name) =>
        {
            var fn = FindFunction(name);
            return fn is null
                ? Error(404, "ResourceNotFoundException", $"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{name}")
                : Json(SeedData.Obj(new() { ["Configuration"] = fn.DeepClone(), ["Code"] = SeedData.Obj(new() { ["RepositoryType"] = "S3" }) }));
        });
        app.MapPut("/2015-03-31/functions/{name}/configuration", async (string name, HttpRequest request) =>
        {
            var input = await ReadAsync(request);
            var fn = FindFunction(name);
            if (fn is null)
            {
                return Error(404, "ResourceNotFoundException", $"Function not found: {name}");
            }

            lock (_gate)
            {
                if (input["TracingConfig"] is JsonObject tracing)
                {
                    fn["TracingConfig"] = tracing.DeepClone();
                }

                fn["RevisionId"] = Guid.NewGuid().ToString();
                return Json(fn.DeepClone().AsObject());
            }
        });
        app.MapPost("/2015-03-31/functions/{name}/invocations", (string name, HttpContext context) =>
        {
            if (FindFunction(name) is null)
            {
                return Error(404, "ResourceNotFoundException", $"Function not found: {name}");
            }

            var log = $"START RequestId: 0f0e0d0c-1111-2222-3333-444455556666 Version: $LATEST\nhello from {name}\nEND RequestId: 0f0e0d0c-1111-2222-3333-444455556666\n" +
                      $"REPORT RequestId: 0f0e0d0c-1111-2222-3333-444455556666\tDuration: 12.00 ms\tBilled Duration: 12 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\n" +
                      $"XRAY TraceId: {SeedData.CheckoutTrace}\tSegmentId: 1111111111111111\tSampled: true\n";
            context.Response.Headers["X-Amz-Log-Result"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(log));
            context.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
            context.Response.Headers["x-amzn-RequestId"] = "0f0e0d0c-1111-2222-3333-444455556666";
            return Results.Text("{\"greeting\":\"hello world\"}", "application/json");
        });
        app.MapGet("/_fluoro/health", () => Json(SeedData.Health()));

        // A server without --auth-keys: no sign-in needed.
        app.MapGet("/_fluoro/console-session", () => Json(SeedData.Obj(new() { ["authRequired"] = false, ["authenticated"] = true })));
    }

    private JsonObject? FindFunction(string name)
    {
        lock (_gate)
        {
            return _functions.FirstOrDefault(f => f["FunctionName"]!.GetValue<string>() == name);
        }
    }

    private static IResult TraceSummaries(JsonObject input)
    {
        var filter = input["FilterExpression"]?.GetValue<string>() ?? "";
        if (filter.Contains(">>", StringComparison.Ordinal) || filter.Contains("@@", StringComparison.Ordinal))
        {
            return Error(400, "InvalidRequestException", "Invalid filter expression: unexpected '>' at position 14.");
        }

        IEnumerable<JsonObject> items = SeedData.Summaries();
        foreach (Match m in ServiceCall().Matches(filter))
        {
            var service = m.Groups[1].Value;
            items = items.Where(s => s["ServiceIds"]!.AsArray().Any(id => id!["Name"]!.GetValue<string>() == service));
        }

        foreach (Match m in ResponseTimeBound().Matches(filter))
        {
            var bound = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            items = m.Groups[1].Value == ">="
                ? items.Where(s => s["ResponseTime"]!.GetValue<double>() >= bound)
                : items.Where(s => s["ResponseTime"]!.GetValue<double>() <= bound);
        }

        var list = items.ToList();
        return Json(SeedData.Obj(new()
        {
            ["TraceSummaries"] = new JsonArray(list.Select(s => (JsonNode)s).ToArray()),
            ["TracesProcessedCount"] = 3, ["ApproximateTime"] = SeedData.Now,
        }));
    }

    private IResult CreateRule(JsonObject input)
    {
        if (input["SamplingRule"] is not JsonObject rule)
        {
            return Error(400, "InvalidRequestException", "SamplingRule is required.");
        }

        var name = rule["RuleName"]?.GetValue<string>() ?? "";
        if (name.Length is 0 or > 32)
        {
            return Error(400, "InvalidRequestException", "RuleName must be 1 to 32 characters.");
        }

        if (rule["Priority"] is not JsonValue p || !p.TryGetValue<double>(out var priority) || priority is < 1 or > 9999)
        {
            return Error(400, "InvalidRequestException", "Priority must be between 1 and 9999.");
        }

        var stored = rule.DeepClone().AsObject();
        stored["RuleARN"] = $"arn:aws:xray:us-east-1:000000000000:sampling-rule/{name}";
        stored["Attributes"] ??= new JsonObject();
        var record = SeedData.Obj(new() { ["SamplingRule"] = stored, ["CreatedAt"] = SeedData.Now, ["ModifiedAt"] = SeedData.Now });
        lock (_gate)
        {
            if (_rules.Any(r => r["SamplingRule"]!["RuleName"]!.GetValue<string>() == name))
            {
                return Error(400, "InvalidRequestException", $"A sampling rule named {name} already exists.");
            }

            _rules.Add(record);
        }

        return Json(SeedData.Obj(new() { ["SamplingRuleRecord"] = record.DeepClone() }));
    }

    private IResult UpdateRule(JsonObject input)
    {
        var update = input["SamplingRuleUpdate"] as JsonObject;
        var name = update?["RuleName"]?.GetValue<string>();
        lock (_gate)
        {
            var record = _rules.FirstOrDefault(r => r["SamplingRule"]!["RuleName"]!.GetValue<string>() == name);
            if (update is null || record is null)
            {
                return Error(400, "InvalidRequestException", $"Sampling rule {name} does not exist.");
            }

            foreach (var (key, value) in update)
            {
                record["SamplingRule"]![key] = value?.DeepClone();
            }

            return Json(SeedData.Obj(new() { ["SamplingRuleRecord"] = record.DeepClone() }));
        }
    }

    private static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        var text = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text)?.AsObject() ?? [];
    }

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    private static IResult Error(int status, string code, string message) => new AwsErrorResult(status, code, message);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("service\\(\"([^\"]+)\"\\)")]
    private static partial Regex ServiceCall();

    [GeneratedRegex("responsetime\\s*(>=|<=)\\s*([0-9.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ResponseTimeBound();

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$")]
    private static partial Regex GroupName();
}
