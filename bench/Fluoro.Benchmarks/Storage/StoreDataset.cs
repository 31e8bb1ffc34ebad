using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Fluoro.Storage;
using Fluoro.Storage.DuckDb;

namespace Fluoro.Benchmarks.Storage;

/// <summary>
/// Builds the large read data set once (ten segments per trace, 1% of traces with a segment that arrives a
/// minute late, the clock advancing 10,000 segments per simulated second) and reuses it across runs.
/// </summary>
internal static class StoreDataset
{
    public const long DefaultSegments = 10_000_000;

    public const long BaseEpoch = 1_795_824_000;

    private const int Batch = 1000;

    private const string Marker = "dataset-complete.txt";

    public static long SegmentsFromEnvironment() =>
        long.TryParse(Environment.GetEnvironmentVariable("FLUORO_BENCH_SEGMENTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : DefaultSegments;

    public static string DirectoryFor(long segments) => Path.Combine(Path.GetTempPath(), $"fluoro-bench-store-{segments}");

    public static async Task EnsureAsync(long segments, TextWriter log)
    {
        var directory = DirectoryFor(segments);
        if (File.Exists(Path.Combine(directory, Marker)))
        {
            log.WriteLine($"reusing {directory}");
            return;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var samples = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        await using (var store = await DuckDbTraceStore.OpenAsync(new DuckDbStoreOptions { DataDirectory = directory }))
        {
            var queue = Channel.CreateBounded<SegmentRecord[]>(64);
            var producer = Task.Run(async () =>
            {
                var generator = new SegmentGenerator(42);
                var late = new Queue<(long Due, SegmentRecord Record)>();
                var batch = new List<SegmentRecord>(Batch);
                var traceId = string.Empty;
                for (long i = 0; i < segments; i++)
                {
                    var now = BaseEpoch + (i / 10_000.0);
                    if (i % SegmentGenerator.SegmentsPerTrace == 0)
                    {
                        traceId = generator.NewTraceId((long)now);
                        if (i / SegmentGenerator.SegmentsPerTrace % 1000 == 0)
                        {
                            samples.Add(traceId);
                        }
                    }

                    var record = generator.Segment(traceId, now, now + 0.5, (int)(i % SegmentGenerator.SegmentsPerTrace));
                    var isLate = i % SegmentGenerator.SegmentsPerTrace == 9 && (i / SegmentGenerator.SegmentsPerTrace) % 100 == 7;
                    if (isLate)
                    {
                        late.Enqueue((i + 600_000, record with { ReceivedTime = now + 60 }));
                    }
                    else
                    {
                        batch.Add(record);
                    }

                    while (late.Count > 0 && (late.Peek().Due <= i || i == segments - 1))
                    {
                        batch.Add(late.Dequeue().Record);
                    }

                    if (batch.Count >= Batch || i == segments - 1)
                    {
                        await queue.Writer.WriteAsync(batch.ToArray());
                        batch.Clear();
                    }
                }

                queue.Writer.Complete();
            });

            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                await foreach (var batch in queue.Reader.ReadAllAsync())
                {
                    await store.WriteAsync(batch);
                }
            })).ToArray();
            await producer;
            await Task.WhenAll(writers);
            var written = stopwatch.Elapsed;
            await store.CheckpointAsync();
            var statistics = store.GetStatistics();
            log.WriteLine(FormattableString.Invariant(
                $"built {segments:N0} segments in {written.TotalSeconds:F1} s ({segments / written.TotalSeconds:N0} segments/s incl. generation, {store.Commits:N0} commits); checkpoint {(stopwatch.Elapsed - written).TotalSeconds:F1} s"));
            log.WriteLine(FormattableString.Invariant(
                $"bytes on disk {statistics.BytesOnDisk:N0} = {(double)statistics.BytesOnDisk!.Value / segments:F1} bytes/segment"));
        }

        await File.WriteAllLinesAsync(Path.Combine(directory, Marker), samples);
    }
}
