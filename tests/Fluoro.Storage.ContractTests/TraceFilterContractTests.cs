using Fluoro.Testing;
using static Fluoro.Storage.ContractTests.SegmentFixtures;

namespace Fluoro.Storage.ContractTests;

/// <summary>
/// The <see cref="TraceFilter"/> part of the storage contract: a filtered search returns exactly the traces of the
/// window whose current records satisfy the filter, newest first, with exact keyset paging. Every backend subclasses it.
/// </summary>
public abstract class TraceFilterContractTests : IAsyncLifetime
{
    private readonly List<ITraceStore> _stores = [];

    /// <summary>Creates an empty store owned by this test.</summary>
    protected abstract ValueTask<ITraceStore> CreateEmptyStoreAsync();

    /// <summary>Removes whatever the backend created; runs after every store is disposed.</summary>
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

    private async Task<ITraceStore> NewStoreAsync()
    {
        var store = await CreateEmptyStoreAsync().AsTask().DefaultTimeout();
        _stores.Add(store);
        return store;
    }

    private static TraceSearch Window(TraceFilter? filter, int limit = 100, TimeRangeType type = TimeRangeType.TraceId) => new()
    {
        StartTime = BaseEpoch,
        EndTime = BaseEpoch + 100,
        TimeRangeType = type,
        Limit = limit,
        Filter = filter,
    };

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

    private static TraceFilter Name(string name) => new AnySegmentFilter(SegmentCondition.Compare(SegmentField.Name, ValueComparison.OfText(ValueOperator.Equal, name)));

    private static TraceFilter Annotation(string key, string value) => new AnyAnnotationFilter(key, ValueComparison.OfText(ValueOperator.Equal, value));

    /// <summary>Four traces: a (orders, k=v), b (orders, k=w), c (billing, k=v, 500), d (billing, no annotation, user bob).</summary>
    private static async Task<(ITraceStore Store, string A, string B, string C, string D)> SeedAsync(ITraceStore store)
    {
        var a = NewTraceId(BaseEpoch + 1);
        var b = NewTraceId(BaseEpoch + 2);
        var c = NewTraceId(BaseEpoch + 3);
        var d = NewTraceId(BaseEpoch + 4);
        await store.WriteAsync(
        [
            Segment(a, name: "orders", annotations: [new AnnotationValue("k", "v", null, null), new AnnotationValue("n", null, 5, null)]),
            Segment(b, name: "orders", annotations: [new AnnotationValue("k", "w", null, null), new AnnotationValue("flag", null, null, true)]),
            Segment(c, name: "billing", httpStatus: 500, annotations: [new AnnotationValue("k", "v", null, null), new AnnotationValue("n", null, 7, null)]),
            Segment(d, name: "billing", user: "bob"),
        ]).AsTask().DefaultTimeout();
        return (store, a, b, c, d);
    }

    [Fact]
    public async Task Segment_and_annotation_atoms_combine_with_and_or_not()
    {
        var (store, a, b, c, d) = await SeedAsync(await NewStoreAsync());

        Assert.Equal([b, a], await SearchAllAsync(store, Window(Name("orders"))));
        Assert.Equal([c, a], await SearchAllAsync(store, Window(Annotation("k", "v"))));
        Assert.Equal([a], await SearchAllAsync(store, Window(TraceFilter.And(Name("orders"), Annotation("k", "v")))));
        Assert.Equal([d, c, a], await SearchAllAsync(store, Window(TraceFilter.Or(Name("billing"), Annotation("k", "v")))));
        Assert.Equal([d, b], await SearchAllAsync(store, Window(TraceFilter.Not(Annotation("k", "v")))));
        Assert.Equal([d], await SearchAllAsync(store, Window(TraceFilter.And(Name("billing"), TraceFilter.Not(new AnyAnnotationFilter("k"))))));
        Assert.Equal([d, c, b, a], await SearchAllAsync(store, Window(TraceFilter.All)));
        Assert.Empty(await SearchAllAsync(store, Window(TraceFilter.None)));
    }

    [Fact]
    public async Task Annotation_comparisons_are_typed()
    {
        var (store, a, b, c, _) = await SeedAsync(await NewStoreAsync());

        Assert.Equal([c], await SearchAllAsync(store, Window(new AnyAnnotationFilter("n", ValueComparison.OfNumber(ValueOperator.GreaterThan, 6)))));
        Assert.Equal([c, a], await SearchAllAsync(store, Window(new AnyAnnotationFilter("n", ValueComparison.OfNumber(ValueOperator.GreaterThanOrEqual, 5)))));
        Assert.Equal([b], await SearchAllAsync(store, Window(new AnyAnnotationFilter("flag", ValueComparison.OfBoolean(ValueOperator.Equal, true)))));

        // A string comparison never matches a number, and != needs a value of the same type.
        Assert.Empty(await SearchAllAsync(store, Window(new AnyAnnotationFilter("n", ValueComparison.OfText(ValueOperator.Equal, "5")))));
        Assert.Equal([b], await SearchAllAsync(store, Window(new AnyAnnotationFilter("k", ValueComparison.OfText(ValueOperator.NotEqual, "v")))));
        Assert.Equal([b], await SearchAllAsync(store, Window(new AnyAnnotationFilter("k", ValueComparison.OfText(ValueOperator.BeginsWith, "w")))));
    }

    [Fact]
    public async Task Field_conditions_are_two_valued_on_one_record()
    {
        var (store, _, _, c, d) = await SeedAsync(await NewStoreAsync());
        var fault = SegmentCondition.Or(
            SegmentCondition.Compare(SegmentField.Fault, ValueComparison.OfBoolean(ValueOperator.Equal, true)),
            SegmentCondition.Compare(SegmentField.HttpStatus, ValueComparison.OfNumber(ValueOperator.GreaterThanOrEqual, 500)));
        var bob = SegmentCondition.Compare(SegmentField.User, ValueComparison.OfText(ValueOperator.Equal, "bob"));

        Assert.Equal([c], await SearchAllAsync(store, Window(new AnySegmentFilter(fault))));
        Assert.Equal([d], await SearchAllAsync(store, Window(new AnySegmentFilter(bob))));

        // user != "bob" is false where user is absent, so NOT of it holds there.
        var notBob = SegmentCondition.Compare(SegmentField.User, ValueComparison.OfText(ValueOperator.NotEqual, "bob"));
        Assert.Empty(await SearchAllAsync(store, Window(new AnySegmentFilter(notBob))));
        Assert.Equal(4, (await SearchAllAsync(store, Window(new AnySegmentFilter(SegmentCondition.Not(notBob))))).Count);
        Assert.Equal([d], await SearchAllAsync(store, Window(new AnySegmentFilter(SegmentCondition.And(bob,
            SegmentCondition.Compare(SegmentField.Name, ValueComparison.OfText(ValueOperator.EndsWith, "ing")))))));
        Assert.Equal([d], await SearchAllAsync(store, Window(new AnySegmentFilter(SegmentCondition.Compare(SegmentField.User, ValueComparison.IsSet)))));
    }

    [Fact]
    public async Task Only_current_records_count_after_upserts()
    {
        var store = await NewStoreAsync();
        var trace = NewTraceId(BaseEpoch + 1);
        var id = NewId();
        await store.WriteAsync([Segment(trace, id: id, name: "orders", inProgress: true, annotations: [new AnnotationValue("stage", "started", null, null)])]).AsTask().DefaultTimeout();
        Assert.Equal([trace], await SearchAllAsync(store, Window(Annotation("stage", "started"))));

        await store.WriteAsync([Segment(trace, id: id, name: "orders", annotations: [new AnnotationValue("stage", "done", null, null)])]).AsTask().DefaultTimeout();
        Assert.Empty(await SearchAllAsync(store, Window(Annotation("stage", "started"))));
        Assert.Equal([trace], await SearchAllAsync(store, Window(Annotation("stage", "done"))));
        Assert.Equal([trace], await SearchAllAsync(store, Window(TraceFilter.Not(Annotation("stage", "started")))));
    }

    [Fact]
    public async Task Filtered_pages_are_full_and_keyset_exact()
    {
        var store = await NewStoreAsync();
        var matching = new List<string>();
        var records = new List<SegmentRecord>();
        for (var i = 0; i < 25; i++)
        {
            var trace = NewTraceId(BaseEpoch + 1 + i);
            var hit = i % 3 == 0;
            records.Add(Segment(trace, name: hit ? "orders" : "billing"));
            if (hit)
            {
                matching.Add(trace);
            }
        }

        await store.WriteAsync(records).AsTask().DefaultTimeout();
        matching.Reverse();

        var first = await store.SearchAsync(Window(Name("orders"), limit: 4)).AsTask().DefaultTimeout();
        Assert.Equal(matching.Take(4), first.TraceIds);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(matching, await SearchAllAsync(store, Window(Name("orders"), limit: 4)));
        Assert.Equal(matching, await SearchAllAsync(store, Window(Name("orders"), limit: 4, type: TimeRangeType.Event)));
    }

    [Fact]
    public async Task Downstream_name_atom_matches_current_records_only()
    {
        var store = await NewStoreAsync();
        var a = NewTraceId(BaseEpoch + 1);
        var b = NewTraceId(BaseEpoch + 2);
        var c = NewTraceId(BaseEpoch + 3);
        var id = NewId();
        await store.WriteAsync(
        [
            Segment(a, name: "web", downstream: ["DynamoDB", "orders"]),
            Segment(b, name: "web", downstream: ["payments"]),
            Segment(c, id: id, name: "web", inProgress: true, downstream: ["orders"]),
        ]).AsTask().DefaultTimeout();

        Assert.Equal([c, a], await SearchAllAsync(store, Window(new DownstreamNameFilter("orders"))));
        Assert.Equal([b], await SearchAllAsync(store, Window(new DownstreamNameFilter("payments"))));
        Assert.Empty(await SearchAllAsync(store, Window(new DownstreamNameFilter("web"))));
        Assert.Empty(await SearchAllAsync(store, Window(new DownstreamNameFilter("Orders"))));

        // The completed document no longer calls orders: only the current record counts, both ways.
        await store.WriteAsync([Segment(c, id: id, name: "web", downstream: ["billing"])]).AsTask().DefaultTimeout();
        Assert.Equal([a], await SearchAllAsync(store, Window(new DownstreamNameFilter("orders"))));
        Assert.Equal([c], await SearchAllAsync(store, Window(new DownstreamNameFilter("billing"))));
        Assert.Equal([c, b], await SearchAllAsync(store, Window(TraceFilter.Not(new DownstreamNameFilter("orders")))));
        Assert.Equal([a], await SearchAllAsync(store, Window(TraceFilter.And(Name("web"), new DownstreamNameFilter("DynamoDB")))));
    }
}
