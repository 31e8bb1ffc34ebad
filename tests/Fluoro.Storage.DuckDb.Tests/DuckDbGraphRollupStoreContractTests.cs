using Fluoro.Storage.ContractTests;
using Fluoro.Testing;

namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>The rollup-store contract against <see cref="DuckDbGraphRollupStore"/>, one temp directory per test.</summary>
public sealed class DuckDbGraphRollupStoreContractTests : GraphRollupStoreContractTests, IDisposable
{
    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-duckdb-rollup");

    protected override IGraphRollupStore Open(string location) => DuckDbGraphRollupStore.Open(location);

    protected override void Close(IGraphRollupStore store) => ((DuckDbGraphRollupStore)store).Dispose();

    protected override string NewLocation() => Path.Combine(_directory, Guid.NewGuid().ToString("n"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
