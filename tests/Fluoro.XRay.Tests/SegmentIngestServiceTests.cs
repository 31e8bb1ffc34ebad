using Fluoro.Storage;
using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

public sealed class SegmentIngestServiceTests
{
    private const string TraceA = "1-5960082b-ab52431b496add878434aa25";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(250);

    private readonly InMemoryTraceStore _store = new();
    private readonly IngestCounters _counters = new();
    private readonly SegmentIngestService _ingest;

    public SegmentIngestServiceTests()
    {
        _ingest = new SegmentIngestService(_store, _counters, new ManualTimeProvider(Now));
    }

    [Fact]
    public async Task Partial_success_stores_valid_documents_in_one_write_and_reports_the_rest()
    {
        var result = await _ingest.IngestAsync(
        [
            Docs.Utf8(Docs.Segment(TraceA, "6226467e3f845502", "svc", 1, 2, ",\"annotations\":{\"k\":1,\"bad key\":2}")),
            Docs.Utf8("""{"trace_id":"1-5960082b-ab52431b496add878434aa25","id":"c2a0319811ccbc58","start_time":1498082657.5,"name":"db","type":"subsegment","parent_id":"6226467e3f845502"}"""),
            Docs.Utf8("""{"id":"cbb6a6a3e8c41c46", broken"""),
            Docs.Utf8(Docs.Segment(TraceA, "7226467e3f845502", "svc2", 1, 3)),
        ]).AsTask().DefaultTimeout();

        Assert.Equal(2, result.Accepted);
        Assert.Equal(
            [
                new UnprocessedTraceSegment("c2a0319811ccbc58", "MissingEndTime", "Invalid subsegment. ErrorCode: MissingEndTime, Cause: null"),
                new UnprocessedTraceSegment("cbb6a6a3e8c41c46", "InvalidJson", "Invalid segment. ErrorCode: InvalidJson"),
            ],
            result.Unprocessed);
        Assert.Equal(1, _store.WriteCalls);

        var stored = (await _store.GetTracesAsync([TraceA]))[TraceA].Single(r => r.Id == "6226467e3f845502");
        Assert.Equal(1_700_000_000.25, stored.ReceivedTime, 6);
        Assert.Equal("svc", stored.Name);
        Assert.Equal([new AnnotationValue("k", null, 1, null)], stored.Index.Annotations);
        Assert.Equal(Docs.Segment(TraceA, "6226467e3f845502", "svc", 1, 2, ",\"annotations\":{\"k\":1,\"bad key\":2}"), System.Text.Encoding.UTF8.GetString(stored.Document.Span));

        Assert.Equal(2, _counters.Accepted);
        Assert.Equal(2, _counters.Rejected);
        Assert.Equal(1, _counters.Batches);
        Assert.Equal(1, _counters.AnnotationsDropped);
        Assert.Equal(1, _counters.RejectedByCode["InvalidJson"]);
    }

    [Fact]
    public async Task All_invalid_batch_does_not_touch_the_store()
    {
        var result = await _ingest.IngestAsync([Docs.Utf8("[]"), Docs.Utf8("")]).AsTask().DefaultTimeout();
        Assert.Equal(0, result.Accepted);
        Assert.Equal(["MissingId", "InvalidJson"], result.Unprocessed.Select(u => u.ErrorCode));
        Assert.Null(result.Unprocessed[0].Id);
        Assert.Equal(0, _store.WriteCalls);
    }

    [Fact]
    public async Task Top_level_array_of_subsegments_counts_as_several_documents()
    {
        var array = "[" + Docs.Subsegment(TraceA, "146a1ee458beef5d", "6226467e3f845502", "a", 1, 2) + ","
            + Docs.Subsegment(TraceA, "246a1ee458beef5d", "6226467e3f845502", "b", 1, 2) + "]";
        var result = await _ingest.IngestAsync([Docs.Utf8(array)]).AsTask().DefaultTimeout();
        Assert.Equal(2, result.Accepted);
        var records = (await _store.GetTracesAsync([TraceA]))[TraceA];
        Assert.Equal(["146a1ee458beef5d", "246a1ee458beef5d"], records.Select(r => r.Id).Order());
        Assert.All(records, r => Assert.True(r.IsSubsegment));
        Assert.All(records, r => Assert.StartsWith("{\"type\":\"subsegment\"", System.Text.Encoding.UTF8.GetString(r.Document.Span), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Index_fields_are_extracted()
    {
        var doc = Docs.Segment(TraceA, "6226467e3f845502", "svc", 1, 2,
            ",\"origin\":\"AWS::EC2::Instance\",\"user\":\"u1\",\"resource_arn\":\"arn:x\",\"fault\":true,\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://h/p\",\"user_agent\":\"ua\",\"client_ip\":\"1.2.3.4\"},\"response\":{\"status\":503}},"
            + "\"aws\":{\"account_id\":\"123456789012\",\"ec2\":{\"instance_id\":\"i-1\",\"availability_zone\":\"az-1\"}},\"subsegments\":[{\"id\":\"146a1ee458beef5d\",\"name\":\"x\",\"start_time\":1,\"end_time\":2,\"throttle\":true}]");
        await _ingest.IngestAsync([Docs.Utf8(doc)]).AsTask().DefaultTimeout();
        var record = (await _store.GetTracesAsync([TraceA]))[TraceA].Single();
        Assert.Equal("AWS::EC2::Instance", record.Origin);
        Assert.Equal(
            new SegmentIndexFields
            {
                HasFault = true,
                Fault = true,
                HasThrottle = true,
                HttpStatus = 503,
                HttpMethod = "GET",
                HttpUrl = "http://h/p",
                HttpUserAgent = "ua",
                HttpClientIp = "1.2.3.4",
                User = "u1",
                ResourceArn = "arn:x",
                AccountId = "123456789012",
                InstanceId = "i-1",
                AvailabilityZone = "az-1",
                Annotations = record.Index.Annotations,
            },
            record.Index);
        Assert.Empty(record.Index.Annotations);
    }

    [Fact]
    public async Task Store_failure_propagates_and_is_counted()
    {
        _store.FailNextWrite = new IOException("disk full");
        await Assert.ThrowsAsync<IOException>(() => _ingest.IngestAsync([Docs.Utf8(Docs.Segment(TraceA, "6226467e3f845502", "svc", 1, 2))]).AsTask().DefaultTimeout());
        Assert.Equal(1, _counters.StoreFailures);
        Assert.Equal(0, _counters.Accepted);
    }
}
