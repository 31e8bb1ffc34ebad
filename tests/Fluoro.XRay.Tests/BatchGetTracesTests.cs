using System.Text.Json.Nodes;
using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

public sealed class BatchGetTracesTests
{
    private const string TraceA = "1-5960082b-ab52431b496add878434aa25";
    private const string Root = "6226467e3f845502";

    private readonly InMemoryTraceStore _store = new();
    private readonly SegmentIngestService _ingest;
    private readonly TraceQueryService _queries;

    public BatchGetTracesTests()
    {
        _ingest = new SegmentIngestService(_store, new IngestCounters(), new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        _queries = new TraceQueryService(_store);
    }

    private async Task Ingest(params string[] documents)
    {
        var result = await _ingest.IngestAsync(documents.Select(Docs.Utf8).ToList()).AsTask().DefaultTimeout();
        Assert.Empty(result.Unprocessed);
    }

    private async Task<Trace> GetTrace(string traceId = TraceA)
    {
        var result = await _queries.BatchGetTracesAsync(new BatchGetTracesRequest { TraceIds = [traceId] }).AsTask().DefaultTimeout();
        Assert.Empty(result.UnprocessedTraceIds);
        return Assert.Single(result.Traces);
    }

    private static JsonObject Doc(TraceSegment segment) => JsonNode.Parse(segment.Document)!.AsObject();

    [Fact]
    public async Task In_progress_segment_is_replaced_by_the_complete_one()
    {
        await Ingest(Docs.Segment(TraceA, Root, "svc", 10, null));
        var partial = await GetTrace();
        Assert.True((bool?)Doc(partial.Segments.Single())["in_progress"]);

        await Ingest(Docs.Segment(TraceA, Root, "svc", 10, 12.5));
        await Ingest(Docs.Segment(TraceA, Root, "svc", 10, null));   // a late in-progress copy never wins
        var trace = await GetTrace();
        var doc = Doc(trace.Segments.Single());
        Assert.Equal(12.5, (double?)doc["end_time"]);
        Assert.Null(doc["in_progress"]);
        Assert.Equal(2.5, trace.Duration);
    }

    [Fact]
    public async Task Standalone_subsegments_arriving_before_their_parent_are_folded_at_any_depth()
    {
        // Grandchild first, then child, then the segment (the order aws-xray-sdk-core streams them in).
        await Ingest(Docs.Subsegment(TraceA, "246a1ee458beef5d", "146a1ee458beef5d", "grandchild", 11, 11.5, ",\"fault\":true"));
        var early = await GetTrace();
        Assert.Equal(["246a1ee458beef5d"], early.Segments.Select(s => s.Id));   // orphan kept as its own entry

        await Ingest(Docs.Subsegment(TraceA, "146a1ee458beef5d", Root, "child", 10.5, 12));
        await Ingest(Docs.Segment(TraceA, Root, "svc", 10, 13, ",\"subsegments\":[{\"id\":\"346a1ee458beef5d\",\"name\":\"inline\",\"start_time\":10,\"end_time\":10.1}]"));

        var trace = await GetTrace();
        var segment = Assert.Single(trace.Segments);
        Assert.Equal(Root, segment.Id);
        var doc = Doc(segment);
        var subs = doc["subsegments"]!.AsArray();
        Assert.Equal(["346a1ee458beef5d", "146a1ee458beef5d"], subs.Select(s => (string?)s!["id"]));
        var child = subs[1]!.AsObject();
        Assert.Null(child["type"]);
        Assert.Null(child["parent_id"]);
        var grandchild = child["subsegments"]!.AsArray().Single()!.AsObject();
        Assert.Equal("grandchild", (string?)grandchild["name"]);
        Assert.True((bool?)grandchild["fault"]);
        Assert.Equal(3, trace.Duration);
    }

    [Fact]
    public async Task Complete_standalone_subsegment_replaces_an_embedded_in_progress_copy()
    {
        await Ingest(Docs.Segment(TraceA, Root, "svc", 10, 13, ",\"subsegments\":[{\"id\":\"146a1ee458beef5d\",\"name\":\"work\",\"start_time\":10,\"in_progress\":true}]"));
        await Ingest(Docs.Subsegment(TraceA, "146a1ee458beef5d", Root, "work", 10, 12.75));
        var doc = Doc((await GetTrace()).Segments.Single());
        var sub = doc["subsegments"]!.AsArray().Single()!;
        Assert.Equal(12.75, (double?)sub["end_time"]);
    }

    [Fact]
    public async Task Inferred_segments_are_added_for_uninstrumented_downstream_calls()
    {
        await Ingest(
            Docs.Segment(TraceA, Root, "Scorekeep", 10, 13,
                ",\"origin\":\"AWS::ElasticBeanstalk::Environment\",\"subsegments\":["
                + "{\"id\":\"4cd3f10b76c624b4\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"start_time\":11,\"end_time\":11.5,\"http\":{\"response\":{\"status\":200,\"content_length\":57}},\"aws\":{\"table_name\":\"scorekeep-user\",\"operation\":\"UpdateItem\"}},"
                + "{\"id\":\"5cd3f10b76c624b4\",\"name\":\"api.example.com\",\"namespace\":\"remote\",\"start_time\":11.6,\"end_time\":12,\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"https://api.example.com/\"},\"response\":{\"status\":502}},\"fault\":true},"
                + "{\"id\":\"6cd3f10b76c624b4\",\"name\":\"users\",\"namespace\":\"remote\",\"start_time\":12,\"end_time\":12.9},"
                + "{\"id\":\"7cd3f10b76c624b4\",\"name\":\"local-work\",\"start_time\":12,\"end_time\":12.1}]"),
            Docs.Segment(TraceA, "8cd3f10b76c624b4", "users", 12.1, 12.8, ",\"parent_id\":\"6cd3f10b76c624b4\""));

        var trace = await GetTrace();
        Assert.Equal(4, trace.Segments.Count);
        var docs = trace.Segments.Select(Doc).ToList();

        var dynamo = docs.Single(d => (string?)d["parent_id"] == "4cd3f10b76c624b4");
        Assert.True((bool?)dynamo["inferred"]);
        Assert.Equal("DynamoDB", (string?)dynamo["name"]);
        Assert.Equal("AWS::DynamoDB::Table", (string?)dynamo["origin"]);
        Assert.Equal(TraceA, (string?)dynamo["trace_id"]);
        Assert.Equal(11, (double?)dynamo["start_time"]);
        Assert.Equal(11.5, (double?)dynamo["end_time"]);
        Assert.Equal("scorekeep-user", (string?)dynamo["aws"]!["table_name"]);
        Assert.Equal(57, (int?)dynamo["http"]!["response"]!["content_length"]);
        Assert.Matches("^[0-9a-f]{16}$", (string?)dynamo["id"]);
        Assert.NotEqual("4cd3f10b76c624b4", (string?)dynamo["id"]);

        var remote = docs.Single(d => (string?)d["parent_id"] == "5cd3f10b76c624b4");
        Assert.True((bool?)remote["inferred"]);
        Assert.Equal("api.example.com", (string?)remote["name"]);
        Assert.True((bool?)remote["fault"]);
        Assert.Null(remote["origin"]);

        // The "users" call has a real downstream segment, and custom subsegments never infer anything.
        Assert.Single(docs, d => (string?)d["parent_id"] == "6cd3f10b76c624b4");
        Assert.Null(docs.Single(d => (string?)d["parent_id"] == "6cd3f10b76c624b4")["inferred"]);
        Assert.DoesNotContain(docs, d => (string?)d["parent_id"] == "7cd3f10b76c624b4");

        // Segments are ordered by start time and inferred ids are stable across reads.
        Assert.Equal(trace.Segments.OrderBy(s => (double)Doc(s)["start_time"]!).Select(s => s.Id), trace.Segments.Select(s => s.Id));
        Assert.Equal(trace.Segments.Select(s => s.Id), (await GetTrace()).Segments.Select(s => s.Id));
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_unprocessed_and_ids_are_matched_case_insensitively()
    {
        await Ingest(Docs.Segment(TraceA, Root, "svc", 10, 11));
        var result = await _queries.BatchGetTracesAsync(new BatchGetTracesRequest
        {
            TraceIds = [TraceA.ToUpperInvariant(), "1-5960082b-000000000000000000000000", "nope"],
        }).AsTask().DefaultTimeout();
        Assert.Equal([TraceA], result.Traces.Select(t => t.Id));
        Assert.Equal(["nope", "1-5960082b-000000000000000000000000"], result.UnprocessedTraceIds);
        Assert.Null(result.NextToken);
    }

    [Fact]
    public async Task More_than_five_ids_or_none_is_an_invalid_request()
    {
        var six = Enumerable.Range(0, 6).Select(i => $"1-5960082b-ab52431b496add878434aa2{i}").ToList();
        var tooMany = await Assert.ThrowsAsync<XRayRequestException>(() => _queries.BatchGetTracesAsync(new BatchGetTracesRequest { TraceIds = six }).AsTask());
        Assert.Equal("InvalidRequestException", tooMany.ErrorCode);
        await Assert.ThrowsAsync<XRayRequestException>(() => _queries.BatchGetTracesAsync(new BatchGetTracesRequest()).AsTask());
        await Assert.ThrowsAsync<XRayRequestException>(() => _queries.BatchGetTracesAsync(new BatchGetTracesRequest { TraceIds = [] }).AsTask());
    }
}
