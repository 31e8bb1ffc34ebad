using Fluoro.Testing;
using static Fluoro.Storage.ContractTests.SegmentFixtures;

namespace Fluoro.Storage.ContractTests;

/// <summary>
/// The storage contract (see <see cref="ITraceWriter"/>, <see cref="ITraceReader"/>, <see cref="ITraceStore"/>)
/// as one battery every backend runs. A backend subclasses this, creates empty stores and reopens them;
/// a divergence is an override with a written reason, never a silent skip.
/// </summary>
public abstract class TraceStoreContractTests : IAsyncLifetime
{
    private readonly List<ITraceStore> _stores = [];

    /// <summary>Creates an empty store owned by this test.</summary>
    protected abstract ValueTask<ITraceStore> CreateEmptyStoreAsync();

    /// <summary>Closes <paramref name="store"/> (disposing it) and opens the same data again.</summary>
    protected abstract ValueTask<ITraceStore> ReopenAsync(ITraceStore store);

    /// <summary>Removes whatever the backend created (files, databases); runs after every store is disposed.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await CleanUpAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Tracks a store for disposal at the end of the test.</summary>
    protected T Track<T>(T store)
        where T : ITraceStore
    {
        _stores.Add(store);
        return store;
    }

    private async Task<ITraceStore> NewStoreAsync() => Track(await CreateEmptyStoreAsync().AsTask().DefaultTimeout());

    private static async Task<IReadOnlyList<SegmentRecord>> GetOneAsync(ITraceStore store, string traceId)
    {
        var traces = await store.GetTracesAsync([traceId]).AsTask().DefaultTimeout();
        return traces.TryGetValue(traceId, out var records) ? records : [];
    }

    private static async Task<List<string>> SearchAllAsync(ITraceStore store, TraceSearch search)
    {
        var all = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 1000; page++)
        {
            var result = await store.SearchAsync(search with { Cursor = cursor }).AsTask().DefaultTimeout();
            all.AddRange(result.TraceIds);
            cursor = result.NextCursor;
            if (cursor is null)
            {
                return all;
            }
        }

        throw new InvalidOperationException("Paging did not terminate.");
    }

    [Fact]
    public async Task Round_trip_keeps_every_field_document_and_annotation()
    {
        var store = await NewStoreAsync();
        var traceId = NewTraceId();
        var root = Segment(traceId, user: "alice", annotations:
        [
            new AnnotationValue("customer", "c-17", null, null),
            new AnnotationValue("items", null, 3, null),
            new AnnotationValue("vip", null, null, true),
        ]);
        var child = Segment(traceId, start: BaseEpoch + 0.6, parentId: root.Id, name: "payments", httpStatus: 503);
        var sub = Segment(traceId, start: BaseEpoch + 0.7, parentId: child.Id, isSubsegment: true, name: "DynamoDB", httpStatus: null);
        var other = Segment(NewTraceId());

        await store.WriteAsync([root, child, sub, other]).AsTask().DefaultTimeout();

        var records = await GetOneAsync(store, traceId);
        Assert.Equal(3, records.Count);
        var byId = records.ToDictionary(r => r.Id);
        RecordAssert.Same(root, byId[root.Id]);
        RecordAssert.Same(child, byId[child.Id]);
        RecordAssert.Same(sub, byId[sub.Id]);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_absent()
    {
        var store = await NewStoreAsync();
        var known = NewTraceId();
        await store.WriteAsync([Segment(known)]).AsTask().DefaultTimeout();

        var traces = await store.GetTracesAsync([known, NewTraceId(), "not-a-trace-id", "1-zz'; DROP TABLE x; --", ""]).AsTask().DefaultTimeout();

        Assert.Equal([known], traces.Keys);
        Assert.Empty(await store.GetTracesAsync([]).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task Many_ids_in_one_call_each_get_exactly_their_own_records()
    {
        var store = await NewStoreAsync();
        // Spread over hours and seconds, so that backends that group nearby ids are exercised both ways.
        var traceIds = new[] { 0L, 1, 2, 5000, 5001, 86_400 }.Select(offset => NewTraceId(BaseEpoch + offset)).ToArray();
        var written = traceIds.ToDictionary(t => t, t => Enumerable.Range(0, 3).Select(i => Segment(t, start: BaseEpoch + i)).ToArray());
        await store.WriteAsync(written.Values.SelectMany(r => r).ToArray()).AsTask().DefaultTimeout();
        var unknown = NewTraceId(BaseEpoch + 1);

        var traces = await store.GetTracesAsync([.. traceIds, unknown]).AsTask().DefaultTimeout();

        Assert.Equal(traceIds.Order(StringComparer.Ordinal), traces.Keys.Order(StringComparer.Ordinal));
        foreach (var traceId in traceIds)
        {
            Assert.Equal(written[traceId].Select(r => r.Id).Order(StringComparer.Ordinal), traces[traceId].Select(r => r.Id).Order(StringComparer.Ordinal));
            Assert.All(traces[traceId], r => Assert.Equal(traceId, r.TraceId));
        }
    }

    [Fact]
    public async Task Complete_document_replaces_in_progress_one()
    {
        var store = await NewStoreAsync();
        var traceId = NewTraceId();
        var open = Segment(traceId, inProgress: true, received: BaseEpoch + 1);
        var closed = Segment(traceId, id: open.Id, end: BaseEpoch + 2, received: BaseEpoch + 2);

        await store.WriteAsync([open]).AsTask().DefaultTimeout();
        Assert.True(Assert.Single(await GetOneAsync(store, traceId)).InProgress);

        await store.WriteAsync([closed]).AsTask().DefaultTimeout();
        RecordAssert.Same(closed, Assert.Single(await GetOneAsync(store, traceId)));
    }

    [Fact]
    public async Task In_progress_document_never_replaces_complete_one()
    {
        var store = await NewStoreAsync();
        var traceId = NewTraceId();
        var closed = Segment(traceId, received: BaseEpoch + 1);
        var lateOpen = Segment(traceId, id: closed.Id, inProgress: true, received: BaseEpoch + 5);

        await store.WriteAsync([closed]).AsTask().DefaultTimeout();
        await store.WriteAsync([lateOpen]).AsTask().DefaultTimeout();

        RecordAssert.Same(closed, Assert.Single(await GetOneAsync(store, traceId)));
    }

    [Fact]
    public async Task Later_write_replaces_earlier_one_of_the_same_kind()
    {
        var store = await NewStoreAsync();
        var traceId = NewTraceId();
        var first = Segment(traceId, name: "first");
        var second = Segment(traceId, id: first.Id, name: "second", end: BaseEpoch + 3);
        var openA = Segment(traceId, inProgress: true, name: "open-a");
        var openB = Segment(traceId, id: openA.Id, inProgress: true, name: "open-b");

        await store.WriteAsync([first, openA]).AsTask().DefaultTimeout();
        await store.WriteAsync([second, openB]).AsTask().DefaultTimeout();

        var byId = (await GetOneAsync(store, traceId)).ToDictionary(r => r.Id);
        Assert.Equal(2, byId.Count);
        RecordAssert.Same(second, byId[first.Id]);
        RecordAssert.Same(openB, byId[openA.Id]);
    }

    [Fact]
    public async Task Within_one_batch_the_later_record_wins()
    {
        var store = await NewStoreAsync();
        var traceId = NewTraceId();
        var first = Segment(traceId, name: "first");
        var second = Segment(traceId, id: first.Id, name: "second");

        await store.WriteAsync([first, second]).AsTask().DefaultTimeout();

        RecordAssert.Same(second, Assert.Single(await GetOneAsync(store, traceId)));
    }

    [Fact]
    public async Task Writing_the_same_batch_twice_is_idempotent()
    {
        var store = await NewStoreAsync();
        var traceId = NewTraceId();
        var batch = new[]
        {
            Segment(traceId, received: BaseEpoch + 1, annotations: [new AnnotationValue("k", "v", null, null)]),
            Segment(traceId, start: BaseEpoch + 1, received: BaseEpoch + 2),
            Segment(traceId, inProgress: true, received: BaseEpoch + 3),
        };
        var window = new TraceSearch { StartTime = BaseEpoch, EndTime = BaseEpoch + 10, TimeRangeType = TimeRangeType.Event };

        await store.WriteAsync(batch).AsTask().DefaultTimeout();
        var once = await GetOneAsync(store, traceId);
        var searchOnce = await SearchAllAsync(store, window);
        await store.WriteAsync(batch).AsTask().DefaultTimeout();
        var twice = await GetOneAsync(store, traceId);

        Assert.Equal(once.Count, twice.Count);
        for (var i = 0; i < once.Count; i++)
        {
            RecordAssert.Same(once[i], twice[i]);
        }

        Assert.Equal(searchOnce, await SearchAllAsync(store, window));
    }

    [Fact]
    public async Task Store_copies_documents_so_callers_may_reuse_buffers()
    {
        var store = await NewStoreAsync();
        var traceId = NewTraceId();
        var record = Segment(traceId);
        var buffer = record.Document.ToArray();
        var expected = buffer.ToArray();

        await store.WriteAsync([record with { Document = buffer }]).AsTask().DefaultTimeout();
        Array.Fill(buffer, (byte)'x');

        Assert.Equal(expected, Assert.Single(await GetOneAsync(store, traceId)).Document.ToArray());
    }

    [Fact]
    public async Task Search_by_trace_id_time_uses_the_id_epoch_with_window_start_inclusive_end_exclusive()
    {
        var store = await NewStoreAsync();
        var before = NewTraceId(BaseEpoch - 1);
        var atStart = NewTraceId(BaseEpoch);
        var inside = NewTraceId(BaseEpoch + 5);
        var atEnd = NewTraceId(BaseEpoch + 10);
        // Received and end times deliberately outside the window: only the id's epoch counts.
        await store.WriteAsync(new[] { before, atStart, inside, atEnd }
            .Select(t => Segment(t, start: BaseEpoch + 100, received: BaseEpoch + 200)).ToArray()).AsTask().DefaultTimeout();

        var hits = await SearchAllAsync(store, new TraceSearch { StartTime = BaseEpoch, EndTime = BaseEpoch + 10, TimeRangeType = TimeRangeType.TraceId });

        Assert.Equal([inside, atStart], hits);
    }

    [Fact]
    public async Task Search_by_event_time_uses_received_times_newest_first()
    {
        var store = await NewStoreAsync();
        var early = NewTraceId();
        var late = NewTraceId();
        var outside = NewTraceId();
        var atEnd = NewTraceId();
        var spanning = NewTraceId();
        await store.WriteAsync(
        [
            Segment(early, received: BaseEpoch + 1),
            Segment(late, received: BaseEpoch + 8),
            Segment(outside, received: BaseEpoch + 20),
            Segment(atEnd, received: BaseEpoch + 10),
            // Active in the window through its second document only; ranked by its newest time inside the window.
            Segment(spanning, received: BaseEpoch - 50),
            Segment(spanning, received: BaseEpoch + 5),
        ]).AsTask().DefaultTimeout();

        var hits = await SearchAllAsync(store, new TraceSearch { StartTime = BaseEpoch, EndTime = BaseEpoch + 10, TimeRangeType = TimeRangeType.Event });

        Assert.Equal([late, spanning, early], hits);
    }

    [Fact]
    public async Task Search_by_service_time_uses_segment_end_times()
    {
        var store = await NewStoreAsync();
        var endsInside = NewTraceId();
        var endsAfter = NewTraceId();
        var stillOpen = NewTraceId();
        var endsAtStart = NewTraceId();
        await store.WriteAsync(
        [
            Segment(endsInside, start: BaseEpoch - 30, end: BaseEpoch + 4, received: BaseEpoch + 100),
            Segment(endsAfter, start: BaseEpoch + 1, end: BaseEpoch + 11, received: BaseEpoch + 5),
            Segment(stillOpen, start: BaseEpoch + 1, inProgress: true, received: BaseEpoch + 5),
            Segment(endsAtStart, start: BaseEpoch - 1, end: BaseEpoch, received: BaseEpoch + 5),
        ]).AsTask().DefaultTimeout();

        var hits = await SearchAllAsync(store, new TraceSearch { StartTime = BaseEpoch, EndTime = BaseEpoch + 10, TimeRangeType = TimeRangeType.Service });

        Assert.Equal([endsInside, endsAtStart], hits);
    }

    [Theory]
    [InlineData(TimeRangeType.TraceId)]
    [InlineData(TimeRangeType.Event)]
    [InlineData(TimeRangeType.Service)]
    public async Task Paging_returns_every_trace_once_newest_first(TimeRangeType type)
    {
        var store = await NewStoreAsync();
        var expected = new List<(double Time, string TraceId)>();
        var batch = new List<SegmentRecord>();
        for (var i = 0; i < 25; i++)
        {
            // Pairs share a time so that ties are broken by trace id, across page boundaries too.
            var second = BaseEpoch + (i / 2);
            var traceId = NewTraceId(second);
            batch.Add(Segment(traceId, start: second, end: second + 0.5, received: second + 0.5));
            expected.Add((second, traceId));
        }

        await store.WriteAsync(batch).AsTask().DefaultTimeout();
        var search = new TraceSearch { StartTime = BaseEpoch, EndTime = BaseEpoch + 100, TimeRangeType = type, Limit = 4 };

        var pages = 0;
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await store.SearchAsync(search with { Cursor = cursor }).AsTask().DefaultTimeout();
            Assert.True(page.TraceIds.Count <= 4);
            Assert.True(page.TracesScanned >= page.TraceIds.Count);
            seen.AddRange(page.TraceIds);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
        var expectedOrder = expected.OrderByDescending(e => e.Time).ThenByDescending(e => e.TraceId, StringComparer.Ordinal).Select(e => e.TraceId);
        Assert.Equal(expectedOrder, seen);
        Assert.InRange(pages, 7, 8);
    }

    [Fact]
    public async Task Empty_window_returns_no_cursor()
    {
        var store = await NewStoreAsync();
        await store.WriteAsync([Segment(NewTraceId())]).AsTask().DefaultTimeout();

        var page = await store.SearchAsync(new TraceSearch { StartTime = BaseEpoch + 1000, EndTime = BaseEpoch + 2000 }).AsTask().DefaultTimeout();

        Assert.Empty(page.TraceIds);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task A_foreign_cursor_is_rejected_as_an_argument_error()
    {
        var store = await NewStoreAsync();
        var search = new TraceSearch { StartTime = BaseEpoch, EndTime = BaseEpoch + 10, Cursor = "definitely-not-ours" };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(search).AsTask()).DefaultTimeout();
    }

    [Fact]
    public async Task Purge_removes_traces_whose_newest_document_is_older_than_the_cutoff()
    {
        var store = await NewStoreAsync();
        var old = NewTraceId();
        var stillActive = NewTraceId();
        var fresh = NewTraceId();
        await store.WriteAsync(
        [
            Segment(old, received: BaseEpoch + 1, annotations: [new AnnotationValue("k", "v", null, null)]),
            Segment(old, received: BaseEpoch + 2),
            Segment(stillActive, received: BaseEpoch + 1),
            Segment(stillActive, received: BaseEpoch + 50),
            Segment(fresh, received: BaseEpoch + 60),
        ]).AsTask().DefaultTimeout();

        var removed = await store.PurgeAsync(BaseEpoch + 10).AsTask().DefaultTimeout();

        Assert.Equal(1, removed);
        var traces = await store.GetTracesAsync([old, stillActive, fresh]).AsTask().DefaultTimeout();
        Assert.False(traces.ContainsKey(old));
        Assert.Equal(2, traces[stillActive].Count);
        Assert.Single(traces[fresh]);
        Assert.DoesNotContain(old, await SearchAllAsync(store, new TraceSearch { StartTime = BaseEpoch - 10, EndTime = BaseEpoch + 100, TimeRangeType = TimeRangeType.Event }));
        Assert.Equal(0, await store.PurgeAsync(BaseEpoch + 10).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task Concurrent_writers_all_commit()
    {
        var store = await NewStoreAsync();
        const int Writers = 8;
        const int BatchesPerWriter = 20;
        const int RecordsPerBatch = 10;
        var traceIds = new string[Writers * BatchesPerWriter];
        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var b = 0; b < BatchesPerWriter; b++)
            {
                var traceId = traceIds[(w * BatchesPerWriter) + b] = NewTraceId();
                var batch = Enumerable.Range(0, RecordsPerBatch).Select(_ => Segment(traceId)).ToArray();
                await store.WriteAsync(batch);
            }
        })).ToArray();

        await Task.WhenAll(tasks).DefaultTimeout();

        foreach (var chunk in traceIds.Chunk(5))
        {
            var traces = await store.GetTracesAsync(chunk).AsTask().DefaultTimeout();
            Assert.Equal(chunk.Length, traces.Count);
            Assert.All(traces.Values, records => Assert.Equal(RecordsPerBatch, records.Count));
        }

        Assert.True(store.GetStatistics().SegmentsStored >= Writers * BatchesPerWriter * RecordsPerBatch);
    }

    [Fact]
    public async Task Reopen_keeps_committed_data_and_upsert_state()
    {
        var store = await NewStoreAsync();
        var traceId = NewTraceId();
        var closed = Segment(traceId, received: BaseEpoch + 1);
        var other = Segment(traceId, received: BaseEpoch + 2, annotations: [new AnnotationValue("n", null, 1.5, null)]);
        await store.WriteAsync([closed, other]).AsTask().DefaultTimeout();

        var reopened = Track(await ReopenAsync(store).AsTask().DefaultTimeout());
        await reopened.WriteAsync([Segment(traceId, id: closed.Id, inProgress: true, received: BaseEpoch + 3)]).AsTask().DefaultTimeout();

        var byId = (await GetOneAsync(reopened, traceId)).ToDictionary(r => r.Id);
        RecordAssert.Same(closed, byId[closed.Id]);
        RecordAssert.Same(other, byId[other.Id]);
    }

    [Fact]
    public async Task Statistics_name_the_backend_and_count_writes()
    {
        var store = await NewStoreAsync();
        await store.WriteAsync([Segment(NewTraceId()), Segment(NewTraceId())]).AsTask().DefaultTimeout();

        var statistics = store.GetStatistics();

        Assert.False(string.IsNullOrEmpty(statistics.Backend));
        Assert.False(string.IsNullOrEmpty(statistics.Location));
        Assert.Equal(2, statistics.SegmentsStored);
    }
}
