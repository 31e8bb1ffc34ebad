using BenchmarkDotNet.Running;
using Fluoro.Benchmarks.Storage;

// `dotnet run -c Release --project bench/Fluoro.Benchmarks -- --filter '*Store*'` runs BenchmarkDotNet;
// `-- store-dataset <segments>` builds (or reuses) the large read data set and prints its size on disk.
if (args.Length > 0 && args[0] == "store-dataset")
{
    var segments = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : StoreDataset.DefaultSegments;
    await StoreDataset.EnsureAsync(segments, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(StoreDataset).Assembly).Run(args);
