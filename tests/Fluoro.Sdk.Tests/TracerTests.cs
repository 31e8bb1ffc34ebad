using System.Diagnostics;
using System.Text.Json;
using Fluoro.Tracing;

namespace Fluoro.Sdk.Tests;

// The tracer installs process-wide Activity listeners: tests that start one never run side by side.
[Collection(nameof(TracerTests))]
public sealed class TracerTests
{
    private static FluoroTracer StartTracer(UdpSink sink, bool lambda = false, int queue = 8192) => FluoroTracing.Start(new FluoroTracingOptions
    {
        ServiceName = "orders-api",
        Origin = "AWS::EC2::Instance",
        Daemon = sink.Address,
        LambdaMode = lambda,
        MaxQueuedDocuments = queue,
        Sampler = new DefaultRuleSampler(TimeProvider.System, reservoirPerSecond: 1_000_000, fixedRate: 1),
    });

    [Fact]
    public async Task Segment_and_subsegment_are_streamed_as_documents_with_annotations_and_metadata()
    {
        using var sink = new UdpSink();
        string traceId, segmentId, subsegmentId;
        await using (var tracer = StartTracer(sink))
        {
            using (var root = new ActivitySource("test.server").StartActivity("GET /orders", ActivityKind.Server))
            {
                Assert.NotNull(root);
                segmentId = root.SpanId.ToHexString();
                XRay.SetUser("alice");
                using (var sub = XRay.BeginSubsegment("load-order"))
                {
                    subsegmentId = sub.Activity!.SpanId.ToHexString();
                    sub.AddAnnotation("customer", "acme").AddAnnotation("retries", 2L).AddAnnotation("vip", true);
                    sub.AddMetadata("request", new Dictionary<string, object> { ["rows"] = new[] { 1, 2 } }, "orders");
                }

                traceId = XRay.CurrentTraceId!;
            }

            await tracer.FlushAsync();
        }

        var documents = (await sink.ReceiveAsync(2)).Select(UdpSink.Document).ToList();
        Assert.Equal(2, documents.Count);
        var subsegment = documents.Single(d => d.GetProperty("id").GetString() == subsegmentId);
        var segment = documents.Single(d => d.GetProperty("id").GetString() == segmentId);

        Assert.True(TraceId.TryParse(traceId, out var parsed));
        Assert.InRange(parsed.EpochSeconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(traceId, segment.GetProperty("trace_id").GetString());
        Assert.Equal("orders-api", segment.GetProperty("name").GetString());
        Assert.Equal("AWS::EC2::Instance", segment.GetProperty("origin").GetString());
        Assert.Equal("alice", segment.GetProperty("user").GetString());
        Assert.False(segment.TryGetProperty("type", out _));

        Assert.Equal("subsegment", subsegment.GetProperty("type").GetString());
        Assert.Equal(segmentId, subsegment.GetProperty("parent_id").GetString());
        Assert.Equal(traceId, subsegment.GetProperty("trace_id").GetString());
        Assert.Equal("load-order", subsegment.GetProperty("name").GetString());
        var annotations = subsegment.GetProperty("annotations");
        Assert.Equal("acme", annotations.GetProperty("customer").GetString());
        Assert.Equal(2, annotations.GetProperty("retries").GetInt32());
        Assert.True(annotations.GetProperty("vip").GetBoolean());
        Assert.Equal(2, subsegment.GetProperty("metadata").GetProperty("orders").GetProperty("request").GetProperty("rows").GetArrayLength());
        Assert.True(subsegment.GetProperty("end_time").GetDouble() >= subsegment.GetProperty("start_time").GetDouble());
    }

    [Fact]
    public async Task Lambda_mode_sends_only_subsegments_under_the_invocation_parent()
    {
        using var sink = new UdpSink();
        var root = TraceId.NewId(TimeProvider.System);
        var parent = SegmentId.NewId();
        await using (var tracer = StartTracer(sink, lambda: true))
        {
            LambdaTraceContext.Set($"Root={root};Parent={parent};Sampled=1;Lineage=a87bd80c:1");
            XRay.AddAnnotation("on_facade", "refused");
            using (var sub = XRay.BeginSubsegment("db-call"))
            {
                sub.AddAnnotation("customer", "acme");
            }

            LambdaTraceContext.Set((string?)null);
            await tracer.FlushAsync();
        }

        var documents = (await sink.ReceiveAsync(5, TimeSpan.FromSeconds(1))).Select(UdpSink.Document).ToList();
        var only = Assert.Single(documents);
        Assert.Equal("subsegment", only.GetProperty("type").GetString());
        Assert.Equal(parent.ToString(), only.GetProperty("parent_id").GetString());
        Assert.Equal(root.ToString(), only.GetProperty("trace_id").GetString());
        Assert.False(only.GetProperty("annotations").TryGetProperty("on_facade", out _));
    }

    [Fact]
    public async Task Lambda_mode_with_Sampled_0_sends_nothing()
    {
        using var sink = new UdpSink();
        await using (var tracer = StartTracer(sink, lambda: true))
        {
            LambdaTraceContext.Set($"Root={TraceId.NewId(TimeProvider.System)};Parent={SegmentId.NewId()};Sampled=0");
            using (var sub = XRay.BeginSubsegment("db-call"))
            {
                Assert.False(sub.IsRecorded);
                sub.AddAnnotation("customer", "acme");
            }

            LambdaTraceContext.Set((string?)null);
            await tracer.FlushAsync();
        }

        Assert.Empty(await sink.ReceiveAsync(1, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void Recording_without_context_never_throws()
    {
        XRay.AddAnnotation("k", "v");
        XRay.AddMetadata("k", 1);
        XRay.AddException(new InvalidOperationException("x"));
        XRay.MarkFault();
        using var sub = XRay.BeginSubsegment("nobody-listens");
        sub.AddAnnotation("bad key!", "ignored");
    }

    [Fact]
    public async Task A_huge_metadata_value_is_trimmed_to_one_datagram_not_lost()
    {
        using var sink = new UdpSink();
        await using (var tracer = StartTracer(sink))
        {
            using (new ActivitySource("test.server").StartActivity("root", ActivityKind.Server))
            {
                using var sub = XRay.BeginSubsegment("big");
                sub.AddMetadata("blob", new string('x', 1024 * 1024));
                sub.AddAnnotation("kept", true);
            }

            await tracer.FlushAsync();
            Assert.Equal(1, tracer.DocumentsTrimmed);
        }

        var datagrams = await sink.ReceiveAsync(2);
        Assert.Equal(2, datagrams.Count);
        Assert.All(datagrams, d => Assert.True(d.Length <= 64 * 1024));
        var big = datagrams.Select(UdpSink.Document).Single(d => d.GetProperty("name").GetString() == "big");
        Assert.True(big.GetProperty("annotations").GetProperty("kept").GetBoolean());
        Assert.True(big.GetProperty("metadata").GetProperty("fluoro").GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Ten_thousand_subsegments_each_fit_a_datagram_and_none_is_lost()
    {
        using var sink = new UdpSink();
        const int Count = 10_000;

        // The SDK drops (and counts) past a full queue rather than block; this queue holds the whole burst.
        await using (var tracer = StartTracer(sink, queue: 16_384))
        {
            var receive = sink.ReceiveAsync(Count + 1);
            using (new ActivitySource("test.server").StartActivity("root", ActivityKind.Server))
            {
                for (var i = 0; i < Count; i++)
                {
                    using var sub = XRay.BeginSubsegment("step");
                    sub.AddAnnotation("i", (long)i);
                    if (i % 500 == 0)
                    {
                        await Task.Yield();
                    }
                }
            }

            await tracer.FlushAsync();
            var datagrams = await receive;
            Assert.Equal(0, tracer.DocumentsDropped);
            Assert.Equal(Count + 1, datagrams.Count);
            Assert.All(datagrams, d => Assert.True(d.Length <= 64 * 1024));
        }
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_instead_of_blocking_the_caller()
    {
        using var sink = new UdpSink();
        const int Count = 200;
        var blob = new string('x', 1_000_000);
        await using (var tracer = StartTracer(sink, queue: 4))
        {
            // Each document carries 1 MB of metadata (serialized, then trimmed), so the sender takes milliseconds
            // per document while the caller ends one subsegment every few microseconds: the 4-slot queue fills.
            using (new ActivitySource("test.server").StartActivity("root", ActivityKind.Server))
            {
                for (var i = 0; i < Count; i++)
                {
                    using var sub = XRay.BeginSubsegment("step");
                    sub.AddAnnotation("i", (long)i).AddMetadata("blob", blob);
                }
            }

            await tracer.FlushAsync(TimeSpan.FromSeconds(30));
            Assert.True(tracer.DocumentsDropped > 0, "nothing was dropped");
            Assert.Equal(Count + 1, tracer.DocumentsSent + tracer.DocumentsDropped + tracer.DocumentsFailed);
            Assert.Equal(0, tracer.DocumentsFailed);
        }
    }

    [Fact]
    public async Task Exceptions_become_a_fault_with_a_cause()
    {
        using var sink = new UdpSink();
        await using (var tracer = StartTracer(sink))
        {
            using (new ActivitySource("test.server").StartActivity("root", ActivityKind.Server))
            {
                using var sub = XRay.BeginSubsegment("fails");
                try
                {
                    throw new InvalidOperationException("boom");
                }
                catch (InvalidOperationException e)
                {
                    sub.AddException(e);
                }
            }

            await tracer.FlushAsync();
        }

        var fails = (await sink.ReceiveAsync(2)).Select(UdpSink.Document).Single(d => d.GetProperty("name").GetString() == "fails");
        Assert.True(fails.GetProperty("fault").GetBoolean());
        var exception = fails.GetProperty("cause").GetProperty("exceptions")[0];
        Assert.Equal("System.InvalidOperationException", exception.GetProperty("type").GetString());
        Assert.Equal("boom", exception.GetProperty("message").GetString());
        Assert.Equal(16, exception.GetProperty("id").GetString()!.Length);
        Assert.True(exception.GetProperty("stack").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_discarding_sender_takes_every_entity_off_the_queue_and_sends_nothing()
    {
        using var sink = new UdpSink();
        await using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
        {
            ServiceName = "orders-api",
            Daemon = sink.Address,
            LambdaMode = false,
            Sampler = new DefaultRuleSampler(TimeProvider.System, reservoirPerSecond: 1_000_000, fixedRate: 1),
            DiscardDocuments = true,
        }))
        {
            using (new ActivitySource("test.server").StartActivity("root", ActivityKind.Server))
            {
                for (var i = 0; i < 100; i++)
                {
                    using var sub = XRay.BeginSubsegment("work");
                    sub.AddAnnotation("i", (long)i);
                }
            }

            await tracer.FlushAsync();
            Assert.Equal(101, tracer.DocumentsDiscarded);
            Assert.Equal(0, tracer.DocumentsSent);
            Assert.Equal(0, tracer.DocumentsDropped);
        }

        Assert.Empty(await sink.ReceiveAsync(1, TimeSpan.FromMilliseconds(300)));
    }
}
