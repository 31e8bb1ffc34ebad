using Fluoro.Storage;
using Fluoro.Storage.DuckDb;
using Fluoro.Testing;

namespace Fluoro.XRay.Tests;

/// <summary>One DuckDB store holding <see cref="FilterPushdownTests"/>' seed, shared by that class's cases (read-only).</summary>
public sealed class DuckDbSeededStore : IAsyncLifetime
{
    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-xray-pushdown");
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DuckDbTraceStore? _store;

    public async Task<ITraceStore> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_store is null)
            {
                var store = await DuckDbTraceStore.OpenAsync(new DuckDbStoreOptions { DataDirectory = _directory, MemoryLimit = "256MB", ReaderConnections = 2 });
                await FilterPushdownTests.SeedAsync(store);
                _store = store;
            }

            return _store;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _gate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
