using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>
/// Child-process mode of this test executable: when <see cref="DirectoryVariable"/> is set, the process
/// writes numbered batches forever and prints each acknowledged batch number, until the parent kills it
/// with SIGKILL. Hooked in as a module initializer so it runs before xUnit's generated entry point.
/// </summary>
internal static class CrashWriter
{
    public const string DirectoryVariable = "FLUORO_CRASH_WRITER_DIR";

    public const int RecordsPerBatch = 50;

    public const long Epoch = 1_795_824_000;

#pragma warning disable CA2255 // The initializer is the only hook that runs before the test framework's own Main.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfRequested()
    {
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        try
        {
            Run(directory);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            Environment.Exit(2);
        }

        Environment.Exit(0);
    }

    public static string TraceIdOf(int batch) => string.Create(CultureInfo.InvariantCulture, $"1-{Epoch:x8}-{batch:x24}");

    public static SegmentRecord Record(int batch, int index)
    {
        var traceId = TraceIdOf(batch);
        var id = string.Create(CultureInfo.InvariantCulture, $"{index:x16}");
        var document = $"{{\"trace_id\":\"{traceId}\",\"id\":\"{id}\",\"name\":\"crash\",\"start_time\":{Epoch},\"end_time\":{Epoch + 1}}}";
        return new SegmentRecord
        {
            TraceId = traceId,
            Id = id,
            Name = "crash",
            StartTime = Epoch,
            EndTime = Epoch + 1,
            ReceivedTime = Epoch + 1,
            Document = Encoding.UTF8.GetBytes(document),
        };
    }

    // Fully synchronous on purpose: while a module initializer runs, other threads block on this module,
    // so an await continuation in this assembly would deadlock.
    private static void Run(string directory)
    {
        var store = DuckDbTraceStore.OpenAsync(new DuckDbStoreOptions { DataDirectory = directory, MemoryLimit = "256MB" }).AsTask().GetAwaiter().GetResult();
        var stdout = Console.Out;
        for (var batch = 0; batch < 1_000_000; batch++)
        {
            var records = new SegmentRecord[RecordsPerBatch];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = Record(batch, i);
            }

            store.WriteAsync(records).AsTask().GetAwaiter().GetResult();

            // Printed only after the commit was acknowledged: every number the parent reads must survive.
            stdout.WriteLine(batch.ToString(CultureInfo.InvariantCulture));
            stdout.Flush();
        }
    }
}
