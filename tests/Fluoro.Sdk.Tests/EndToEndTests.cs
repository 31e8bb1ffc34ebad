using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Fluoro.Testing;

namespace Fluoro.Sdk.Tests;

// The SDK's documents through a real daemon into the store, read back with the X-Ray API's BatchGetTraces.
[Collection(nameof(TracerTests))]
public sealed class EndToEndTests
{
    private static readonly ActivitySource Server = new("test.e2e");

    [Fact]
    public async Task Segment_and_nested_subsegments_come_back_from_BatchGetTraces_as_one_tree()
    {
        await using var fluoro = await SdkTestServer.StartAsync();
        string traceId, segmentId, outerId, innerId;
        await using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
        {
            ServiceName = "orders-api",
            Daemon = fluoro.Daemon,
            LambdaMode = false,
            Sampler = new DefaultRuleSampler(TimeProvider.System, reservoirPerSecond: 1_000, fixedRate: 1),
        }))
        {
            using (var root = Server.StartActivity("GET /orders", ActivityKind.Server))
            {
                Assert.NotNull(root);
                segmentId = root.SpanId.ToHexString();
                using (var outer = XRay.BeginSubsegment("load-order"))
                {
                    outerId = outer.Activity!.SpanId.ToHexString();
                    outer.AddAnnotation("customer", "acme").AddMetadata("rows", 3L, "orders");
                    using var inner = XRay.BeginSubsegment("query");
                    innerId = inner.Activity!.SpanId.ToHexString();
                    XRay.SetSql("SELECT * FROM orders WHERE id = ?", "PostgreSQL");
                }

                traceId = XRay.CurrentTraceId!;
            }

            await tracer.FlushAsync();
        }

        using var http = new HttpClient { BaseAddress = fluoro.Server.HttpEndpoint };
        JsonElement segment = default;
        var last = "";
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.PostAsJsonAsync("/Traces", new { TraceIds = new[] { traceId } });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            last = await response.Content.ReadAsStringAsync();
            using var body = JsonDocument.Parse(last);
            var traces = body.RootElement.GetProperty("Traces");
            if (traces.GetArrayLength() == 1)
            {
                // Besides ours, X-Ray lists the inferred database node its SQL subsegment implies.
                foreach (var stored in traces[0].GetProperty("Segments").EnumerateArray())
                {
                    using var document = JsonDocument.Parse(stored.GetProperty("Document").GetString()!);
                    if (stored.GetProperty("Id").GetString() == segmentId
                        && document.RootElement.TryGetProperty("subsegments", out var subsegments)
                        && subsegments[0].TryGetProperty("subsegments", out _))
                    {
                        segment = document.RootElement.Clone();
                    }
                }

                if (segment.ValueKind == JsonValueKind.Object)
                {
                    break;
                }
            }

            await Task.Delay(100);
        }

        Assert.True(segment.ValueKind == JsonValueKind.Object, "BatchGetTraces never showed the tree: " + last);
        Assert.Equal(segmentId, segment.GetProperty("id").GetString());
        Assert.Equal("orders-api", segment.GetProperty("name").GetString());
        var outerDocument = segment.GetProperty("subsegments")[0];
        Assert.Equal(outerId, outerDocument.GetProperty("id").GetString());
        Assert.Equal("load-order", outerDocument.GetProperty("name").GetString());
        Assert.Equal("acme", outerDocument.GetProperty("annotations").GetProperty("customer").GetString());
        Assert.Equal(3, outerDocument.GetProperty("metadata").GetProperty("orders").GetProperty("rows").GetInt64());
        var innerDocument = outerDocument.GetProperty("subsegments")[0];
        Assert.Equal(innerId, innerDocument.GetProperty("id").GetString());
        Assert.Equal("SELECT * FROM orders WHERE id = ?", innerDocument.GetProperty("sql").GetProperty("sanitized_query").GetString());
        Assert.Equal("remote", innerDocument.GetProperty("namespace").GetString());
    }
}
