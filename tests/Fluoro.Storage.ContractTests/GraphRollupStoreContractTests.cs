using Fluoro.Testing;

namespace Fluoro.Storage.ContractTests;

/// <summary>The <see cref="IGraphRollupStore"/> contract: minutes replace by key, invalidations and watermark commit together, data survives reopening.</summary>
public abstract class GraphRollupStoreContractTests
{
    /// <summary>Opens the backend's rollup store over <paramref name="location"/> (the same location reopens the same data).</summary>
    protected abstract IGraphRollupStore Open(string location);

    /// <summary>Closes a store returned by <see cref="Open"/>.</summary>
    protected abstract void Close(IGraphRollupStore store);

    /// <summary>A fresh location for one test.</summary>
    protected abstract string NewLocation();

    private static byte[] State(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Empty_store_has_no_minutes_and_a_zero_watermark()
    {
        var store = Open(NewLocation());
        try
        {
            var snapshot = await store.ReadAsync(0, long.MaxValue).AsTask().DefaultTimeout();
            Assert.Empty(snapshot.Minutes);
            Assert.Equal(0, snapshot.Watermark);
            Assert.Empty(await store.ListMinutesAsync(0, long.MaxValue).AsTask().DefaultTimeout());
        }
        finally
        {
            Close(store);
        }
    }

    [Fact]
    public async Task Minutes_replace_by_key_invalidations_remove_and_the_watermark_moves_and_all_survive_reopen()
    {
        var location = NewLocation();
        var store = Open(location);
        try
        {
            await store.WriteAsync([new GraphRollupMinute(10, State("a")), new GraphRollupMinute(11, State("b")), new GraphRollupMinute(12, State("c"))], [], 100.5).AsTask().DefaultTimeout();
            await store.WriteAsync([new GraphRollupMinute(11, State("b2"))], [12], 200.25).AsTask().DefaultTimeout();

            var snapshot = await store.ReadAsync(10, 13).AsTask().DefaultTimeout();
            Assert.Equal([10L, 11L], snapshot.Minutes.Select(m => m.Minute));
            Assert.Equal("b2", System.Text.Encoding.UTF8.GetString(snapshot.Minutes[1].State.Span));
            Assert.Equal(200.25, snapshot.Watermark);
            Assert.Equal([11L], await store.ListMinutesAsync(11, 20).AsTask().DefaultTimeout());
        }
        finally
        {
            Close(store);
        }

        store = Open(location);
        try
        {
            var reopened = await store.ReadAsync(0, 100).AsTask().DefaultTimeout();
            Assert.Equal([10L, 11L], reopened.Minutes.Select(m => m.Minute));
            Assert.Equal("a", System.Text.Encoding.UTF8.GetString(reopened.Minutes[0].State.Span));
            Assert.Equal(200.25, reopened.Watermark);
        }
        finally
        {
            Close(store);
        }
    }
}
