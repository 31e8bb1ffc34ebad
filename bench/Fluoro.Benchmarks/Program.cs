using BenchmarkDotNet.Running;
using Fluoro.Benchmarks.Storage;

// `dotnet run -c Release --project bench/Fluoro.Benchmarks -- --filter '*Store*'` runs BenchmarkDotNet;
// `-- query-sql <traces>` times the push-down SQL shapes on it (FLUORO_BENCH_EXPLAIN=1 adds EXPLAIN ANALYZE);
// `-- query-dataset <traces>` builds the X-Ray query data set (Queries/QueryDataset.cs);
// `-- store-dataset <segments>` builds (or reuses) the large read data set and prints its size on disk.
if (args.Length > 0 && args[0] == "store-dataset")
{
    var segments = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : StoreDataset.DefaultSegments;
    await StoreDataset.EnsureAsync(segments, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "query-sql")
{
    Fluoro.Benchmarks.Queries.QueryProbe.Run(args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : Fluoro.Benchmarks.Queries.QueryDataset.Traces, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "query-dataset")
{
    var traces = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : Fluoro.Benchmarks.Queries.QueryDataset.Traces;
    await Fluoro.Benchmarks.Queries.QueryDataset.EnsureAsync(traces, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(StoreDataset).Assembly).Run(args);
