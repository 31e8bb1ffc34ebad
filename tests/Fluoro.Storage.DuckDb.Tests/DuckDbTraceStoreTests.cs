using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Fluoro.Testing;

namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>Behaviour specific to the DuckDB file: format versioning and crash durability.</summary>
public sealed class DuckDbTraceStoreTests : IDisposable
{
    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-duckdb");

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    private DuckDbStoreOptions Options() => new() { DataDirectory = _directory, MemoryLimit = "256MB", ReaderConnections = 1 };

    private void ExecuteRaw(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(_directory, "fluoro.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_new_file_records_the_format_version()
    {
        await (await DuckDbTraceStore.OpenAsync(Options())).DisposeAsync();

        using var connection = new DuckDBConnection($"Data Source={Path.Combine(_directory, "fluoro.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM fluoro_meta WHERE key = 'format_version'";
        Assert.Equal(DuckDbSchema.FormatVersion.ToString(CultureInfo.InvariantCulture), command.ExecuteScalar());
    }

    [Fact]
    public async Task Opening_a_file_of_another_format_version_fails_with_a_clear_message()
    {
        await (await DuckDbTraceStore.OpenAsync(Options())).DisposeAsync();
        ExecuteRaw("UPDATE fluoro_meta SET value = '999' WHERE key = 'format_version'");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DuckDbTraceStore.OpenAsync(Options()).AsTask()).DefaultTimeout();

        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_foreign_duckdb_file_fails_instead_of_adding_tables_to_it()
    {
        ExecuteRaw("CREATE TABLE somebody_elses (x INTEGER)");

        await Assert.ThrowsAsync<InvalidDataException>(() => DuckDbTraceStore.OpenAsync(Options()).AsTask()).DefaultTimeout();
    }

    [Fact]
    public async Task Pending_writes_are_committed_by_dispose_and_later_writes_are_refused()
    {
        var store = await DuckDbTraceStore.OpenAsync(Options());
        var writes = Enumerable.Range(0, 20).Select(b => store.WriteAsync([CrashWriter.Record(b, 0)]).AsTask()).ToArray();
        await store.DisposeAsync();
        await Task.WhenAll(writes).DefaultTimeout();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync([CrashWriter.Record(99, 0)]).AsTask());
        await using var reopened = await DuckDbTraceStore.OpenAsync(Options());
        var traces = await reopened.GetTracesAsync(Enumerable.Range(0, 20).Select(CrashWriter.TraceIdOf).ToArray());
        Assert.Equal(20, traces.Count);
    }

    [Fact]
    public async Task Acknowledged_batches_survive_kill_9_of_the_writing_process()
    {
        // A real child process (this test executable in writer mode) commits batches and prints each
        // acknowledged batch; the parent SIGKILLs it mid-stream, then reopens the file in this process.
        var start = new ProcessStartInfo
        {
            FileName = DotnetHost(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(CrashWriter).Assembly.Location);
        start.Environment[CrashWriter.DirectoryVariable] = _directory;

        var acknowledged = -1;
        var errors = new System.Text.StringBuilder();
        using (var child = Process.Start(start)!)
        {
            // Drain stderr continuously: an unread pipe that fills up would stall the child.
            child.ErrorDataReceived += (_, e) =>
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            };
            child.BeginErrorReadLine();
            try
            {
                while (acknowledged < 40)
                {
                    var line = await child.StandardOutput.ReadLineAsync().DefaultTimeout();
                    Assert.True(line is not null, "writer exited early: " + errors);
                    acknowledged = int.Parse(line, CultureInfo.InvariantCulture);
                }
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync().DefaultTimeout();
            }

            Assert.Equal(137, child.ExitCode);
        }

        await using var store = await DuckDbTraceStore.OpenAsync(Options()).AsTask().DefaultTimeout();
        var batches = Enumerable.Range(0, acknowledged + 10).ToArray();
        foreach (var chunk in batches.Chunk(5))
        {
            var traces = await store.GetTracesAsync(chunk.Select(CrashWriter.TraceIdOf).ToArray()).AsTask().DefaultTimeout();
            foreach (var batch in chunk)
            {
                if (batch <= acknowledged)
                {
                    Assert.True(traces.ContainsKey(CrashWriter.TraceIdOf(batch)), $"acknowledged batch {batch} lost");
                }

                // Atomicity: a batch is there completely or not at all, acknowledged or not.
                if (traces.TryGetValue(CrashWriter.TraceIdOf(batch), out var records))
                {
                    Assert.Equal(CrashWriter.RecordsPerBatch, records.Count);
                }
            }
        }
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return "dotnet";
    }
}
