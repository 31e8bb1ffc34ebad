using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;

namespace Fluoro.Storage.DuckDb;

/// <summary>The read queries. Identifiers reach SQL only after <see cref="TraceKey.IsSafeLiteral"/>; numbers are formatted invariantly.</summary>
internal static class DuckDbTraceReader
{
    public const int MaxSearchLimit = 10_000;

    /// <summary>Largest gap, in trace-id seconds, between ids fetched by one query; farther ids get their own query.</summary>
    private const long ClusterGapSeconds = 600;

    /// <summary>
    /// Every stored record of the given traces (canonical, SQL-safe ids), keyed by trace id. Ids close in time
    /// share one query, so a search page of ids costs a few queries, not one per id.
    /// </summary>
    public static Dictionary<string, List<SegmentRecord>> ReadTraces(DuckDBConnection connection, DocumentPayloadCodec codec, IReadOnlyCollection<string> traceIds)
    {
        var result = new Dictionary<string, List<SegmentRecord>>(StringComparer.Ordinal);
        var located = traceIds.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Key: TraceKey.From(id))).OrderBy(x => x.Key.Epoch).ToList();
        var cluster = new List<(string Id, TraceKey Key)>();
        foreach (var item in located)
        {
            if (cluster.Count > 0 && (item.Key.Epoch - cluster[^1].Key.Epoch > ClusterGapSeconds || cluster.Count >= 256))
            {
                ReadCluster(connection, codec, cluster, result);
                cluster.Clear();
            }

            cluster.Add(item);
        }

        if (cluster.Count > 0)
        {
            ReadCluster(connection, codec, cluster, result);
        }

        return result;
    }

    private static void ReadCluster(DuckDBConnection connection, DocumentPayloadCodec codec, List<(string Id, TraceKey Key)> cluster, Dictionary<string, List<SegmentRecord>> result)
    {
        // One query on the narrow documents table: the epoch range lets DuckDB skip row groups by their min/max,
        // the integer key narrows the rest, and the trace id inside each row's metadata settles key collisions.
        var where = cluster.Count == 1
            ? $"trace_epoch = {cluster[0].Key.Epoch} AND trace_key = {cluster[0].Key.Key}"
            : $"trace_epoch BETWEEN {cluster[0].Key.Epoch} AND {cluster[^1].Key.Epoch} " +
              $"AND trace_key IN ({string.Join(',', cluster.Select(c => c.Key.Key.ToString(CultureInfo.InvariantCulture)))})";
        var wanted = cluster.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        // Several rows may share a key (retries, in-progress then complete); keep the one the upsert rule picks.
        var best = new Dictionary<(string TraceId, string Id), (long Seq, SegmentRecord Record)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT seq, dictionary_id, payload FROM {DuckDbSchema.DocumentsTable} WHERE {where}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var raw = codec.Decode(reader.GetInt32(1), ReadBytes(reader, 2), out var metaStart, out var metaLength);
                var meta = raw.AsSpan(metaStart, metaLength);
                if (!wanted.Contains(SegmentMetaCodec.ReadTraceId(meta)))
                {
                    continue;
                }

                var seq = reader.GetInt64(0);
                var record = SegmentMetaCodec.Read(meta, raw.AsMemory(metaStart + metaLength));
                var key = (record.TraceId, record.Id);
                if (best.TryGetValue(key, out var existing) && !Replaces(record.InProgress, seq, existing.Record.InProgress, existing.Seq))
                {
                    continue;
                }

                best[key] = (seq, record);
            }
        }

        foreach (var (key, (_, record)) in best)
        {
            if (!result.TryGetValue(key.TraceId, out var records))
            {
                result[key.TraceId] = records = [];
            }

            records.Add(record);
        }

        foreach (var (id, _) in cluster)
        {
            if (result.TryGetValue(id, out var records))
            {
                records.Sort(static (a, b) =>
                {
                    var byStart = a.StartTime.CompareTo(b.StartTime);
                    return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
                });
            }
        }
    }

    /// <summary>The upsert rule: complete beats in-progress; otherwise the later write wins.</summary>
    internal static bool Replaces(bool inProgress, long seq, bool existingInProgress, long existingSeq) =>
        inProgress == existingInProgress ? seq > existingSeq : existingInProgress;

    public static TraceSearchPage Search(DuckDBConnection connection, TraceSearch search, SearchCursor? cursor)
    {
        if (search.Filter is { } pushed && pushed is not TraceFilterConstant { Value: true })
        {
            // Filter push-down (query helper, issue 5): see DuckDbTraceFilterSql.
            return DuckDbTraceFilterSql.Search(connection, search, cursor);
        }

        var limit = Math.Clamp(search.Limit, 1, MaxSearchLimit);
        string filter;
        string sortKey;
        switch (search.TimeRangeType)
        {
            case TimeRangeType.TraceId:
                // Integer epochs: e >= start ⇔ e >= ceil(start); e < end ⇔ e < ceil(end).
                var low = CeilingToLong(search.StartTime);
                var high = CeilingToLong(search.EndTime);
                filter = $"trace_epoch >= {low} AND trace_epoch < {high}";
                sortKey = "CAST(max(trace_epoch) AS DOUBLE)";
                break;
            case TimeRangeType.Event:
                filter = $"received_time >= {DoubleLiteral(search.StartTime)} AND received_time < {DoubleLiteral(search.EndTime)}";
                sortKey = "max(received_time)";
                break;
            case TimeRangeType.Service:
                filter = $"end_time >= {DoubleLiteral(search.StartTime)} AND end_time < {DoubleLiteral(search.EndTime)}";
                sortKey = "max(end_time)";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(search), search.TimeRangeType, "Unknown time range type.");
        }

        var after = cursor is { } c ? "WHERE " + c.AfterSql() : string.Empty;
        var sql = $"""
            SELECT trace_uid, t FROM (
                SELECT trace_uid, {sortKey} AS t FROM {DuckDbSchema.SegmentsTable} WHERE {filter} GROUP BY trace_uid
            ) {after}
            ORDER BY t DESC, trace_uid DESC
            LIMIT {limit + 1}
            """;

        return ReadPage(connection, sql, search.TimeRangeType, limit);
    }

    /// <summary>
    /// Runs a search query that returns (trace_uid, sort time) rows, newest first, at most <paramref name="limit"/> + 1,
    /// and turns them into a page of trace ids whose cursor resumes after the last one.
    /// </summary>
    internal static TraceSearchPage ReadPage(DuckDBConnection connection, string sql, TimeRangeType timeRangeType, int limit)
    {
        var uids = new List<Int128>(Math.Min(limit, 256));
        var lastTime = 0.0;
        var more = false;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (uids.Count == limit)
                {
                    more = true;
                    break;
                }

                uids.Add((Int128)reader.GetFieldValue<BigInteger>(0));
                lastTime = reader.GetDouble(1);
            }
        }

        var ids = TraceIdsOf(connection, uids);
        var next = more ? new SearchCursor(timeRangeType, lastTime, uids[^1]).Encode() : null;
        return new TraceSearchPage(ids, next, ids.Count);
    }

    /// <summary>
    /// The trace id strings of a page's uids, in the page's order. A canonical id is its uid written out (see
    /// <see cref="TraceKey.Uid"/>); any other is read back with a literal IN list, which DuckDB applies while scanning,
    /// so only those rows of the string column are read.
    /// </summary>
    private static List<string> TraceIdsOf(DuckDBConnection connection, List<Int128> uids)
    {
        var byUid = new Dictionary<Int128, string>(uids.Count);
        var unknown = new List<Int128>();
        foreach (var uid in uids)
        {
            if (TraceKey.CanonicalId(uid) is { } id)
            {
                byUid[uid] = id;
            }
            else
            {
                unknown.Add(uid);
            }
        }

        if (unknown.Count > 0)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT DISTINCT trace_uid, trace_id FROM {DuckDbSchema.SegmentsTable} " +
                $"WHERE trace_uid IN ({string.Join(',', unknown.Select(TraceKey.UidLiteral))})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                byUid[(Int128)reader.GetFieldValue<BigInteger>(0)] = reader.GetString(1);
            }
        }

        return uids.Where(byUid.ContainsKey).Select(uid => byUid[uid]).ToList();
    }

    /// <summary>A DOUBLE literal that round-trips exactly (a bare decimal literal would be typed DECIMAL).</summary>
    public static string DoubleLiteral(double value)
    {
        if (!double.IsFinite(value))
        {
            return value > 0 ? "'infinity'::DOUBLE" : value < 0 ? "'-infinity'::DOUBLE" : "'nan'::DOUBLE";
        }

        return string.Create(CultureInfo.InvariantCulture, $"'{value:R}'::DOUBLE");
    }

    private static long CeilingToLong(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        var ceiling = Math.Ceiling(value);
        return ceiling >= long.MaxValue ? long.MaxValue : ceiling <= long.MinValue ? long.MinValue : (long)ceiling;
    }

    internal static byte[] ReadBytes(DuckDBDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
