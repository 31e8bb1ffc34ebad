extern alias xray;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Fluoro.Storage;
using Fluoro.Storage.DuckDb;
using Fluoro.Tracing;
using xray::Fluoro.XRay;

namespace Fluoro.Benchmarks.Queries;

/// <summary>
/// The query data set: <see cref="Traces"/> traces spread evenly over one hour, two documents each — a front-end
/// segment (one of 10 services) with an embedded DynamoDB call and an embedded remote call, and the back-end
/// segment (one of 5) that answered it. Every trace has annotation <c>k</c>; <c>k = "v"</c> on 1% of traces,
/// independent of the service, so <c>service("svc-3") AND annotation.k = "v"</c> matches 0.1% (1,000 of 1 M).
/// 1% of front ends fault (500), 2% error (404), 0.5% throttle (429). Documents go through the real ingest parser.
/// </summary>
internal static class QueryDataset
{
    public const long BaseEpoch = 1_795_824_000;

    public const double HourSeconds = 3600;

    private const string Marker = "dataset-complete.txt";

    public static long Traces =>
        long.TryParse(Environment.GetEnvironmentVariable("FLUORO_BENCH_TRACES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;

    public static string DirectoryFor(long traces) => Path.Combine(Path.GetTempPath(), $"fluoro-bench-queries-{traces}");

    public static DuckDbStoreOptions Options(long traces) => new() { DataDirectory = DirectoryFor(traces) };

    public static async Task EnsureAsync(long traces, TextWriter log)
    {
        var directory = DirectoryFor(traces);
        if (File.Exists(Path.Combine(directory, Marker)))
        {
            log.WriteLine($"reusing {directory}");
            return;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var stopwatch = Stopwatch.StartNew();
        await using (var store = await DuckDbTraceStore.OpenAsync(Options(traces)))
        {
            var queue = Channel.CreateBounded<SegmentRecord[]>(16);
            var producer = Task.Run(async () =>
            {
                var batch = new List<SegmentRecord>(4000);
                for (long i = 0; i < traces; i++)
                {
                    foreach (var document in Documents(i, traces))
                    {
                        var bytes = Encoding.UTF8.GetBytes(document.Json);
                        var read = SegmentDocumentReader.Read(bytes);
                        if (!read.IsValid)
                        {
                            throw new InvalidOperationException($"generated document is invalid: {read.Error.Message}");
                        }

                        batch.Add(SegmentIngestService.ToRecord(read.Fields!, bytes, document.Received));
                    }

                    if (batch.Count >= 4000 || i == traces - 1)
                    {
                        await queue.Writer.WriteAsync(batch.ToArray());
                        batch.Clear();
                    }
                }

                queue.Writer.Complete();
            });
            var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await foreach (var batch in queue.Reader.ReadAllAsync())
                {
                    await store.WriteAsync(batch);
                }
            })).ToArray();
            await producer;
            await Task.WhenAll(writers);
            log.WriteLine(FormattableString.Invariant($"built {traces:N0} traces ({2 * traces:N0} documents) in {stopwatch.Elapsed.TotalSeconds:F1} s"));
        }

        await File.WriteAllTextAsync(Path.Combine(directory, Marker), "ok");
    }

    /// <summary>Trace <paramref name="i"/>'s id: its epoch second, then a counter-derived unique tail.</summary>
    public static string TraceId(long i, long traces)
    {
        var start = Start(i, traces);
        var tail = (ulong)i * 0x9E3779B97F4A7C15UL;
        return string.Create(CultureInfo.InvariantCulture, $"1-{(long)Math.Floor(start):x8}-{tail:x16}{(uint)i:x8}");
    }

    private static double Start(long i, long traces) => BaseEpoch + (i * HourSeconds / traces);

    private static string Id(long i, int k) => (((ulong)i * 4 + (ulong)k + 1) * 0xC2B2AE3D27D4EB4FUL).ToString("x16", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static IEnumerable<(string Json, double Received)> Documents(long i, long traces)
    {
        var traceId = TraceId(i, traces);
        var start = Start(i, traces);
        var service = i % 10;
        var backend = i % 5;
        var annotation = (i / 10) % 100 == 7 ? "v" : "v" + ((i / 10) % 100).ToString(CultureInfo.InvariantCulture);
        var status = (i % 200) switch
        {
            0 or 1 => 500,
            2 or 3 or 4 or 5 => 404,
            6 => 429,
            _ => 200,
        };
        var end = start + 0.040 + ((i % 37) * 0.001);
        var frontId = Id(i, 0);
        var callId = Id(i, 2);
        var front = "{\"trace_id\":\"" + traceId + "\",\"id\":\"" + frontId + "\",\"name\":\"svc-" + service + "\",\"start_time\":" + Num(start)
            + ",\"end_time\":" + Num(end) + ",\"origin\":\"AWS::EC2::Instance\""
            + ",\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"https://svc-" + service + ".example.com/items/" + (i % 1000) + "\"},\"response\":{\"status\":" + status + "}}"
            + (status == 500 ? ",\"fault\":true" : status == 429 ? ",\"throttle\":true,\"error\":true" : status == 404 ? ",\"error\":true" : string.Empty)
            + ",\"annotations\":{\"k\":\"" + annotation + "\",\"customer\":\"c" + (i % 50) + "\"}"
            + ",\"subsegments\":[{\"id\":\"" + Id(i, 1) + "\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"start_time\":" + Num(start + 0.002)
            + ",\"end_time\":" + Num(start + 0.010) + ",\"aws\":{\"operation\":\"GetItem\",\"table_name\":\"orders\"}}"
            + ",{\"id\":\"" + callId + "\",\"name\":\"backend-" + backend + "\",\"namespace\":\"remote\",\"start_time\":" + Num(start + 0.012)
            + ",\"end_time\":" + Num(end - 0.002) + ",\"http\":{\"request\":{\"method\":\"POST\",\"url\":\"https://backend-" + backend + "/work\"},\"response\":{\"status\":200}}}]}";
        var back = "{\"trace_id\":\"" + traceId + "\",\"id\":\"" + Id(i, 3) + "\",\"parent_id\":\"" + callId + "\",\"name\":\"backend-" + backend
            + "\",\"start_time\":" + Num(start + 0.013) + ",\"end_time\":" + Num(end - 0.003) + ",\"origin\":\"AWS::Lambda::Function\""
            + ",\"http\":{\"response\":{\"status\":200}}}";
        yield return (front, end + 0.01);
        yield return (back, end + 0.005);
    }
}
