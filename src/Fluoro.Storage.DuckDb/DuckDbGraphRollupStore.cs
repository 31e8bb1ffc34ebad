using System.Globalization;
using DuckDB.NET.Data;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// <see cref="IGraphRollupStore"/> in its own small DuckDB file (<c>graph-rollup.duckdb</c>) next to the trace
/// store. A separate file because the rollups are derived, rebuildable data with their own life cycle: the trace
/// store's format can change without migrating them, and deleting the file only costs a recomputation. Writes are
/// serialized by a lock; each is one transaction. Reads use a short-lived connection to the same instance.
/// </summary>
public sealed class DuckDbGraphRollupStore : IGraphRollupStore, IDisposable
{
    public const string FileName = "graph-rollup.duckdb";

    private readonly DuckDBConnection _connection;
    private readonly Lock _gate = new();

    private DuckDbGraphRollupStore(DuckDBConnection connection) => _connection = connection;

    /// <summary>Opens (or creates) the rollup file in <paramref name="dataDirectory"/>.</summary>
    public static DuckDbGraphRollupStore Open(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var connection = new DuckDBConnection($"Data Source={Path.Combine(dataDirectory, FileName)}");
        try
        {
            connection.Open();
            Execute(connection, "SET memory_limit = '64MB'");
            Execute(connection, "SET threads = 1");
            Execute(connection, "CREATE TABLE IF NOT EXISTS graph_rollup_minutes (minute BIGINT PRIMARY KEY, state BLOB NOT NULL)");
            Execute(connection, "CREATE TABLE IF NOT EXISTS graph_rollup_meta (key VARCHAR PRIMARY KEY, value DOUBLE NOT NULL)");
            return new DuckDbGraphRollupStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask<GraphRollupSnapshot> ReadAsync(long fromMinute, long toMinute, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var minutes = new List<GraphRollupMinute>();
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = string.Create(CultureInfo.InvariantCulture,
                    $"SELECT minute, state FROM graph_rollup_minutes WHERE minute >= {fromMinute} AND minute < {toMinute} ORDER BY minute");
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    using var stream = reader.GetStream(1);
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    minutes.Add(new GraphRollupMinute(reader.GetInt64(0), copy.ToArray()));
                }
            }

            double watermark;
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = "SELECT value FROM graph_rollup_meta WHERE key = 'watermark'";
                watermark = command.ExecuteScalar() is double value ? value : 0;
            }

            return ValueTask.FromResult(new GraphRollupSnapshot(minutes, watermark));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<long>> ListMinutesAsync(long fromMinute, long toMinute, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var minutes = new List<long>();
            using var command = _connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"SELECT minute FROM graph_rollup_minutes WHERE minute >= {fromMinute} AND minute < {toMinute} ORDER BY minute");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                minutes.Add(reader.GetInt64(0));
            }

            return ValueTask.FromResult<IReadOnlyList<long>>(minutes);
        }
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(IReadOnlyList<GraphRollupMinute> minutes, IReadOnlyCollection<long> invalidated, double watermark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        ArgumentNullException.ThrowIfNull(invalidated);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var minute in invalidated.Concat(minutes.Select(static m => m.Minute)).Distinct())
            {
                Execute(_connection, string.Create(CultureInfo.InvariantCulture, $"DELETE FROM graph_rollup_minutes WHERE minute = {minute}"));
            }

            foreach (var minute in minutes)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "INSERT INTO graph_rollup_minutes VALUES ($1, $2)";
                command.Parameters.Add(new DuckDBParameter(minute.Minute));
                command.Parameters.Add(new DuckDBParameter(minute.State.ToArray()));
                command.ExecuteNonQuery();
            }

            Execute(_connection, string.Create(CultureInfo.InvariantCulture,
                $"INSERT OR REPLACE INTO graph_rollup_meta VALUES ('watermark', {DuckDbTraceReader.DoubleLiteral(watermark)})"));
            transaction.Commit();
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose() => _connection.Dispose();

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
