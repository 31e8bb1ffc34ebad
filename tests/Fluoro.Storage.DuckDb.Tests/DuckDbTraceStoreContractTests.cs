using Fluoro.Storage.ContractTests;
using Fluoro.Testing;

namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>The shared storage contract against the embedded DuckDB store, one temp directory per test.</summary>
public sealed class DuckDbTraceStoreContractTests : TraceStoreContractTests
{
    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-duckdb");

    protected override async ValueTask<ITraceStore> CreateEmptyStoreAsync() =>
        await DuckDbTraceStore.OpenAsync(Options(), TimeProvider.System);

    protected override async ValueTask<ITraceStore> ReopenAsync(ITraceStore store)
    {
        await store.DisposeAsync();
        return await DuckDbTraceStore.OpenAsync(Options(), TimeProvider.System);
    }

    protected override ValueTask CleanUpAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private DuckDbStoreOptions Options() => new() { DataDirectory = _directory, MemoryLimit = "256MB", ReaderConnections = 2 };
}
