using Fluoro.Storage.ContractTests;
using Fluoro.Testing;

namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>The trace-filter contract against the embedded DuckDB store (SQL push-down), one temp directory per test.</summary>
public sealed class DuckDbTraceFilterContractTests : TraceFilterContractTests
{
    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-duckdb-filter");

    protected override async ValueTask<ITraceStore> CreateEmptyStoreAsync() =>
        await DuckDbTraceStore.OpenAsync(new DuckDbStoreOptions { DataDirectory = _directory, MemoryLimit = "256MB", ReaderConnections = 2 }, TimeProvider.System);

    protected override ValueTask CleanUpAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
