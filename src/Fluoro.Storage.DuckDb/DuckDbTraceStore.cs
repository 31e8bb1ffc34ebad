using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// The embedded trace store: one DuckDB file in a data directory, owned by one process.
/// <para>Writes: every <see cref="WriteAsync"/> batch is queued (bounded; callers wait when full) to a single
/// writer thread that appends concurrent batches into one transaction and completes each caller only after
/// that transaction committed (group commit). Rows are appended, never updated: the upsert rule is applied
/// when reading (complete beats in-progress, then the latest write), which keeps ingest a pure append.</para>
/// <para>Reads use a small pool of separate connections and see every commit that finished before they start.</para>
/// <para>Retention: <see cref="PurgeAsync"/> / <see cref="PurgeExpiredAsync"/>; the composition root schedules them.</para>
/// </summary>
public sealed class DuckDbTraceStore : ITraceStore
{
    private readonly DuckDbStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly DuckDBConnection _writer;
    private readonly ConcurrentBag<DuckDBConnection> _readers = [];
    private readonly SemaphoreSlim _readerSlots;
    private readonly int _readerCount;
    private readonly Channel<WorkItem> _queue;
    private readonly Thread _writerThread;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ArrayBufferWriter<byte> _metaBuffer = new(1024);
    private readonly DocumentPayloadCodec _codec;
    private long _nextSeq;
    private long _segmentsStored;
    private long _commits;
    private int _disposed;

    private DuckDbTraceStore(
        DuckDbStoreOptions options, TimeProvider timeProvider, ILogger logger, string path, DuckDBConnection writer, long nextSeq, DocumentPayloadCodec codec)
    {
        _codec = codec;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _path = path;
        _writer = writer;
        _nextSeq = nextSeq;
        var readers = _readerCount = Math.Max(1, options.ReaderConnections);
        for (var i = 0; i < readers; i++)
        {
            // Same connection string, same process: DuckDB.NET shares one database instance between them.
            var reader = new DuckDBConnection(writer.ConnectionString);
            reader.Open();
            _readers.Add(reader);
        }

        _readerSlots = new SemaphoreSlim(readers, readers);
        _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(Math.Max(1, options.MaxQueuedBatches))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "fluoro-duckdb-writer" };
        _writerThread.Start();
    }

    /// <summary>Path of the database file.</summary>
    public string DatabasePath => _path;

    /// <summary>Transactions committed since open (each may carry several callers' batches).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>The compression dictionary new document rows use (<see cref="DocumentPayloadCodec.NoDictionary"/> until one is trained).</summary>
    internal int CompressionDictionaryId => _codec.CurrentDictionaryId;

    /// <summary>Write batches waiting for the writer.</summary>
    public int QueuedBatches => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    /// <summary>
    /// Opens (or creates) the store file <see cref="DuckDbStoreOptions.FileName"/> in
    /// <see cref="DuckDbStoreOptions.DataDirectory"/>. Throws <see cref="InvalidDataException"/> when the file
    /// was written in another format version or is not a Fluoro store, and DuckDB's exception when another
    /// process holds the file.
    /// </summary>
    public static async ValueTask<DuckDbTraceStore> OpenAsync(
        DuckDbStoreOptions options, TimeProvider? timeProvider = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        return await Task.Run(() => Open(options, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance), cancellationToken);
    }

    private static DuckDbTraceStore Open(DuckDbStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, options.FileName));
        var builder = new DuckDBConnectionStringBuilder { DataSource = path };

        // zstd string compression needs the newer storage format; without it documents stay uncompressed.
        builder["storage_compatibility_version"] = "latest";
        var writer = new DuckDBConnection(builder.ConnectionString);
        try
        {
            writer.Open();
            Execute(writer, $"SET checkpoint_threshold = '{SafeSetting(options.CheckpointThreshold)}'");
            if (options.MemoryLimit is not null)
            {
                Execute(writer, $"SET memory_limit = '{SafeSetting(options.MemoryLimit)}'");
            }

            EnsureSchema(writer, path);
            var nextSeq = Convert.ToInt64(Scalar(writer, $"SELECT coalesce(max(seq), 0) + 1 FROM {DuckDbSchema.SegmentsTable}"), CultureInfo.InvariantCulture);
            Log.Opened(logger, path, DuckDbSchema.FormatVersion, nextSeq - 1);
            return new DuckDbTraceStore(options, timeProvider, logger, path, writer, nextSeq, new DocumentPayloadCodec(ReadDictionaries(writer), logger));
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    private static List<KeyValuePair<int, byte[]>> ReadDictionaries(DuckDBConnection connection)
    {
        var dictionaries = new List<KeyValuePair<int, byte[]>>();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, dictionary FROM {DuckDbSchema.DictionariesTable} ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            dictionaries.Add(new(reader.GetInt32(0), DuckDbTraceReader.ReadBytes(reader, 1)));
        }

        return dictionaries;
    }

    private static void EnsureSchema(DuckDBConnection connection, string path)
    {
        var hasMeta = Convert.ToInt64(Scalar(connection,
            $"SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = '{DuckDbSchema.MetaTable}'"),
            CultureInfo.InvariantCulture) > 0;
        if (hasMeta)
        {
            var value = Scalar(connection, $"SELECT value FROM {DuckDbSchema.MetaTable} WHERE key = '{DuckDbSchema.FormatVersionKey}'") as string;
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version != DuckDbSchema.FormatVersion)
            {
                throw new InvalidDataException(
                    $"The trace store '{path}' has format version '{value ?? "missing"}'; this build reads version {DuckDbSchema.FormatVersion}. " +
                    "Use a matching Fluoro version or move the file aside.");
            }

            return;
        }

        var otherTables = Convert.ToInt64(Scalar(connection,
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"), CultureInfo.InvariantCulture);
        if (otherTables > 0)
        {
            throw new InvalidDataException($"'{path}' is a DuckDB file but not a Fluoro trace store (no {DuckDbSchema.MetaTable} table).");
        }

        using var transaction = connection.BeginTransaction();
        foreach (var statement in DuckDbSchema.Create)
        {
            Execute(connection, statement);
        }

        Execute(connection, $"INSERT INTO {DuckDbSchema.MetaTable} VALUES ('{DuckDbSchema.FormatVersionKey}', '{DuckDbSchema.FormatVersion}')");
        transaction.Commit();
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<SegmentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (records.Count == 0)
        {
            return;
        }

        // Ownership: documents are copied into DuckDB inside the commit, before the caller is released.
        var item = WorkItem.Write(records);
        await EnqueueAsync(item, cancellationToken);
        await item.Completion.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long> PurgeAsync(double cutoff, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var item = WorkItem.Purge(cutoff);
        await EnqueueAsync(item, cancellationToken);
        return await item.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Purges traces older than <see cref="DuckDbStoreOptions.Retention"/> by the store's clock; call it periodically (e.g. hourly).</summary>
    public ValueTask<long> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        return PurgeAsync(now - _options.Retention.TotalSeconds, cancellationToken);
    }

    /// <summary>Folds the write-ahead log into the compressed main file (DuckDB also does this by itself past the checkpoint threshold).</summary>
    public async ValueTask CheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var item = WorkItem.Checkpoint();
        await EnqueueAsync(item, cancellationToken);
        await item.Completion.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public StoreStatistics GetStatistics()
    {
        long? bytes = null;
        try
        {
            var main = new FileInfo(_path);
            var wal = new FileInfo(_path + ".wal");
            bytes = (main.Exists ? main.Length : 0) + (wal.Exists ? wal.Length : 0);
        }
        catch (IOException)
        {
            // Statistics are best effort; a file being swapped by a checkpoint is not an error.
        }

        return new StoreStatistics("duckdb", _path, Interlocked.Read(ref _segmentsStored), bytes);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<SegmentRecord>>> GetTracesAsync(
        IReadOnlyCollection<string> traceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(traceIds);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var result = new Dictionary<string, IReadOnlyList<SegmentRecord>>(StringComparer.Ordinal);
        if (traceIds.Count == 0)
        {
            return result;
        }

        // Results are keyed by the id as requested; lookups use its canonical lower-case form.
        var requestedByCanonical = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var requested in traceIds)
        {
            if (requested is null)
            {
                continue;
            }

            var canonical = requested.ToLowerInvariant();
            if (!TraceKey.IsSafeLiteral(canonical))
            {
                continue;
            }

            if (!requestedByCanonical.TryGetValue(canonical, out var spellings))
            {
                requestedByCanonical[canonical] = spellings = [];
            }

            spellings.Add(requested);
        }

        if (requestedByCanonical.Count == 0)
        {
            return result;
        }

        var found = await WithReaderAsync(connection => DuckDbTraceReader.ReadTraces(connection, _codec, requestedByCanonical.Keys), cancellationToken);
        foreach (var (canonical, records) in found)
        {
            foreach (var spelling in requestedByCanonical[canonical])
            {
                result[spelling] = records;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask<TraceSearchPage> SearchAsync(TraceSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var cursor = search.Cursor is null ? (SearchCursor?)null : SearchCursor.Decode(search.Cursor, search.TimeRangeType);
        return await WithReaderAsync(connection => DuckDbTraceReader.Search(connection, search, cursor), cancellationToken);
    }

    /// <summary>Stops accepting writes, commits everything queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writerStopped.Task;
        for (var i = 0; i < _readerCount; i++)
        {
            await _readerSlots.WaitAsync();
        }

        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _writer.Dispose();
        _readerSlots.Dispose();
        _codec.Dispose();
    }

    private async ValueTask EnqueueAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(item, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException(nameof(DuckDbTraceStore), ex);
        }
    }

    private async Task<T> WithReaderAsync<T>(Func<DuckDBConnection, T> read, CancellationToken cancellationToken)
    {
        await _readerSlots.WaitAsync(cancellationToken);
        try
        {
            // DuckDB calls block; keep them off the caller's (often a request's) continuation.
            return await Task.Run(() =>
            {
                if (!_readers.TryTake(out var connection))
                {
                    throw new InvalidOperationException("Reader pool exhausted.");
                }

                try
                {
                    return read(connection);
                }
                finally
                {
                    _readers.Add(connection);
                }
            }, cancellationToken);
        }
        finally
        {
            _readerSlots.Release();
        }
    }

    private void WriterLoop()
    {
        var reader = _queue.Reader;
        var group = new List<WorkItem>();
        WorkItem? held = null;
        try
        {
            while (true)
            {
                if (held is null && !reader.TryRead(out held))
                {
                    if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                    {
                        break;
                    }

                    continue;
                }

                var next = held;
                held = null;
                if (next.Kind != WorkKind.Write)
                {
                    RunMaintenance(next);
                    continue;
                }

                // Group commit: take whatever else is already queued, up to the per-commit cap.
                group.Clear();
                group.Add(next);
                var count = next.Records!.Count;
                while (count < _options.MaxRecordsPerCommit && reader.TryRead(out var more))
                {
                    if (more.Kind != WorkKind.Write)
                    {
                        held = more;
                        break;
                    }

                    group.Add(more);
                    count += more.Records!.Count;
                }

                CommitGroup(group, count);
            }
        }
        finally
        {
            _writerStopped.TrySetResult();
        }
    }

    private void CommitGroup(List<WorkItem> group, int count)
    {
        try
        {
            Commit(group);
            Interlocked.Add(ref _segmentsStored, count);
            Interlocked.Increment(ref _commits);
            foreach (var item in group)
            {
                item.Succeed(item.Records!.Count);
            }
        }
        catch (Exception ex) when (group.Count > 1)
        {
            // One bad batch must not fail its neighbours: retry each on its own.
            Log.CommitFailed(_logger, count, ex);
            foreach (var item in group)
            {
                CommitGroup([item], item.Records!.Count);
            }
        }
        catch (Exception ex)
        {
            Log.CommitFailed(_logger, count, ex);
            group[0].Fail(ex);
        }
    }

    private void Commit(List<WorkItem> group)
    {
        PersistTrainedDictionary();
        using var transaction = _writer.BeginTransaction();
        using (var segments = _writer.CreateAppender(DuckDbSchema.SegmentsTable))
        using (var annotations = _writer.CreateAppender(DuckDbSchema.AnnotationsTable))
        using (var documents = _writer.CreateAppender(DuckDbSchema.DocumentsTable))
        using (var names = _writer.CreateAppender(DuckDbSchema.NamesTable))
        {
            foreach (var item in group)
            {
                foreach (var record in item.Records!)
                {
                    var seq = _nextSeq++;
                    var key = TraceKey.From(record.TraceId);
                    DuckDbRowWriter.AppendSegment(segments, key, seq, record);
                    DuckDbRowWriter.AppendDocument(documents, key, seq, record, _metaBuffer, _codec);
                    DuckDbRowWriter.AppendAnnotations(annotations, key, seq, record);
                    DuckDbRowWriter.AppendDownstreamNames(names, key, seq, record);
                }
            }
        }

        transaction.Commit();
    }

    /// <summary>
    /// Stores a freshly trained compression dictionary in its own transaction before any row uses it, so a row can
    /// never name a dictionary the file lacks; if storing fails, rows keep the previous dictionary.
    /// </summary>
    private void PersistTrainedDictionary()
    {
        if (_codec.TakeTrainedDictionary() is not var (id, dictionary))
        {
            return;
        }

        try
        {
            using var command = _writer.CreateCommand();
            command.CommandText = $"INSERT INTO {DuckDbSchema.DictionariesTable} VALUES ($id, $dictionary)";
            command.Parameters.Add(new DuckDBParameter("id", id));
            command.Parameters.Add(new DuckDBParameter("dictionary", dictionary));
            command.ExecuteNonQuery();
            _codec.Activate(id, dictionary);
            Log.DictionaryActivated(_logger, id, dictionary.Length);
        }
        catch (DuckDBException ex)
        {
            Log.DictionaryNotStored(_logger, id, ex);
        }
    }

    private void RunMaintenance(WorkItem item)
    {
        try
        {
            switch (item.Kind)
            {
                case WorkKind.Purge:
                    var purged = Purge(item.Cutoff);
                    Log.Purged(_logger, purged, item.Cutoff);
                    item.Succeed(purged);
                    break;
                case WorkKind.Checkpoint:
                    Execute(_writer, "CHECKPOINT");
                    item.Succeed(0);
                    break;
                default:
                    throw new InvalidOperationException(item.Kind.ToString());
            }
        }
        catch (Exception ex)
        {
            Log.MaintenanceFailed(_logger, item.Kind, ex);
            item.Fail(ex);
        }
    }

    private long Purge(double cutoff)
    {
        var cutoffSql = DuckDbTraceReader.DoubleLiteral(cutoff);
        long purged;
        using (var transaction = _writer.BeginTransaction())
        {
            // Only traces with some document before the cutoff are candidates; of those, the ones whose
            // newest document is also before it go. Rows are in arrival order, so the candidate scan is cheap.
            Execute(_writer, $"""
                CREATE OR REPLACE TEMP TABLE fluoro_purge AS
                SELECT trace_id FROM {DuckDbSchema.SegmentsTable}
                WHERE trace_key IN (SELECT trace_key FROM {DuckDbSchema.SegmentsTable} WHERE received_time < {cutoffSql})
                GROUP BY trace_id HAVING max(received_time) < {cutoffSql}
                """);
            purged = Convert.ToInt64(Scalar(_writer, "SELECT count(*) FROM fluoro_purge"), CultureInfo.InvariantCulture);
            if (purged > 0)
            {
                // The side tables' rows are keyed by the segments row's seq, unique in the store.
                foreach (var table in (ReadOnlySpan<string>)[DuckDbSchema.AnnotationsTable, DuckDbSchema.NamesTable, DuckDbSchema.DocumentsTable])
                {
                    Execute(_writer, $"""
                        DELETE FROM {table} WHERE seq IN (
                            SELECT seq FROM {DuckDbSchema.SegmentsTable} WHERE trace_id IN (SELECT trace_id FROM fluoro_purge))
                        """);
                }

                Execute(_writer, $"DELETE FROM {DuckDbSchema.SegmentsTable} WHERE trace_id IN (SELECT trace_id FROM fluoro_purge)");
            }

            Execute(_writer, "DROP TABLE fluoro_purge");
            transaction.Commit();
        }

        if (purged > 0)
        {
            // Row groups emptied by the delete are released at checkpoint; old days go away whole.
            Execute(_writer, "CHECKPOINT");
        }

        return purged;
    }

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string SafeSetting(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or ' '))
            {
                throw new ArgumentException($"Setting value '{value}' may contain only letters, digits, dots and spaces.", nameof(value));
            }
        }

        return value;
    }
}
