using System.Globalization;
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
    public static Dictionary<string, List<SegmentRecord>> ReadTraces(DuckDBConnection connection, IReadOnlyCollection<string> traceIds)
    {
        var result = new Dictionary<string, List<SegmentRecord>>(StringComparer.Ordinal);
        var located = traceIds.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Key: TraceKey.From(id))).OrderBy(x => x.Key.Epoch).ToList();
        var cluster = new List<(string Id, TraceKey Key)>();
        foreach (var item in located)
        {
            if (cluster.Count > 0 && (item.Key.Epoch - cluster[^1].Key.Epoch > ClusterGapSeconds || cluster.Count >= 256))
            {
                ReadCluster(connection, cluster, result);
                cluster.Clear();
            }

            cluster.Add(item);
        }

        if (cluster.Count > 0)
        {
            ReadCluster(connection, cluster, result);
        }

        return result;
    }

    private static void ReadCluster(DuckDBConnection connection, List<(string Id, TraceKey Key)> cluster, Dictionary<string, List<SegmentRecord>> result)
    {
        // The epoch range lets DuckDB skip row groups by their min/max; the integer key narrows the rest
        // before any string is compared.
        var where = cluster.Count == 1
            ? $"trace_epoch = {cluster[0].Key.Epoch} AND trace_key = {cluster[0].Key.Key} AND trace_id = '{cluster[0].Id}'"
            : $"trace_epoch BETWEEN {cluster[0].Key.Epoch} AND {cluster[^1].Key.Epoch} " +
              $"AND trace_key IN ({string.Join(',', cluster.Select(c => c.Key.Key.ToString(CultureInfo.InvariantCulture)))}) " +
              $"AND trace_id IN ({string.Join(',', cluster.Select(c => "'" + c.Id + "'"))})";

        // Several rows may share a key (retries, in-progress then complete); keep the one the upsert rule picks.
        var best = new Dictionary<(string TraceId, string Id), (long Seq, SegmentRecord Record)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {DuckDbSchema.SegmentColumns} FROM {DuckDbSchema.SegmentsTable} WHERE {where}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(0), reader.GetString(1));
                var seq = reader.GetInt64(2);
                var inProgress = reader.GetBoolean(10);
                if (best.TryGetValue(key, out var existing) && !Replaces(inProgress, seq, existing.Record.InProgress, existing.Seq))
                {
                    continue;
                }

                best[key] = (seq, ReadRecord(reader));
            }
        }

        if (best.Count == 0)
        {
            return;
        }

        // The documents of exactly the chosen rows, from the narrow table (same epoch/key pruning, then seq).
        var documents = new Dictionary<long, byte[]>(best.Count);
        using (var command = connection.CreateCommand())
        {
            var keys = cluster.Count == 1
                ? $"trace_epoch = {cluster[0].Key.Epoch} AND trace_key = {cluster[0].Key.Key}"
                : $"trace_epoch BETWEEN {cluster[0].Key.Epoch} AND {cluster[^1].Key.Epoch} " +
                  $"AND trace_key IN ({string.Join(',', cluster.Select(c => c.Key.Key.ToString(CultureInfo.InvariantCulture)))})";
            var seqs = string.Join(',', best.Values.Select(b => b.Seq.ToString(CultureInfo.InvariantCulture)));
            command.CommandText = $"SELECT seq, document FROM {DuckDbSchema.DocumentsTable} WHERE {keys} AND seq IN ({seqs})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                documents[reader.GetInt64(0)] = ReadBytes(reader, 1);
            }
        }

        var annotations = new Dictionary<(string TraceId, string Id), List<AnnotationValue>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT trace_id, id, seq, key, string_value, number_value, boolean_value FROM {DuckDbSchema.AnnotationsTable} WHERE {where} ORDER BY seq, rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!best.TryGetValue(key, out var chosen) || chosen.Seq != reader.GetInt64(2))
                {
                    continue;
                }

                if (!annotations.TryGetValue(key, out var list))
                {
                    annotations[key] = list = [];
                }

                list.Add(new AnnotationValue(
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetDouble(5),
                    reader.IsDBNull(6) ? null : reader.GetBoolean(6)));
            }
        }

        foreach (var (key, (seq, indexed)) in best)
        {
            if (!documents.TryGetValue(seq, out var document))
            {
                // Both tables are written in the same transaction; a missing document means a damaged file.
                throw new InvalidDataException($"The trace store has no document for segment {key.Id} of trace {key.TraceId} (seq {seq}).");
            }

            if (!result.TryGetValue(key.TraceId, out var records))
            {
                result[key.TraceId] = records = [];
            }

            var record = indexed with { Document = document };
            records.Add(annotations.TryGetValue(key, out var list)
                ? record with { Index = record.Index with { Annotations = list } }
                : record);
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

        var after = cursor is { } c
            ? $"WHERE t < {DoubleLiteral(c.Time)} OR (t = {DoubleLiteral(c.Time)} AND trace_id < '{c.TraceId}')"
            : string.Empty;
        var sql = $"""
            SELECT trace_id, t FROM (
                SELECT trace_id, {sortKey} AS t FROM {DuckDbSchema.SegmentsTable} WHERE {filter} GROUP BY trace_id
            ) {after}
            ORDER BY t DESC, trace_id DESC
            LIMIT {limit + 1}
            """;

        var ids = new List<string>(Math.Min(limit, 256));
        var lastTime = 0.0;
        var more = false;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (ids.Count == limit)
                {
                    more = true;
                    break;
                }

                ids.Add(reader.GetString(0));
                lastTime = reader.GetDouble(1);
            }
        }

        var next = more ? new SearchCursor(search.TimeRangeType, lastTime, ids[^1]).Encode() : null;
        return new TraceSearchPage(ids, next, ids.Count);
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

    private static byte[] ReadBytes(DuckDBDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static SegmentRecord ReadRecord(DuckDBDataReader reader)
    {
        return new SegmentRecord
        {
            TraceId = reader.GetString(0),
            Id = reader.GetString(1),
            ReceivedTime = reader.GetDouble(3),
            ParentId = NullableString(reader, 4),
            IsSubsegment = reader.GetBoolean(5),
            Name = reader.GetString(6),
            Origin = NullableString(reader, 7),
            StartTime = reader.GetDouble(8),
            EndTime = reader.IsDBNull(9) ? null : reader.GetDouble(9),
            InProgress = reader.GetBoolean(10),
            Index = new SegmentIndexFields
            {
                HasFault = reader.GetBoolean(11),
                HasError = reader.GetBoolean(12),
                HasThrottle = reader.GetBoolean(13),
                Fault = reader.GetBoolean(14),
                Error = reader.GetBoolean(15),
                Throttle = reader.GetBoolean(16),
                HttpStatus = reader.IsDBNull(17) ? null : reader.GetInt32(17),
                HttpMethod = NullableString(reader, 18),
                HttpUrl = NullableString(reader, 19),
                HttpUserAgent = NullableString(reader, 20),
                HttpClientIp = NullableString(reader, 21),
                User = NullableString(reader, 22),
                ResourceArn = NullableString(reader, 23),
                AccountId = NullableString(reader, 24),
                InstanceId = NullableString(reader, 25),
                AvailabilityZone = NullableString(reader, 26),
            },
            Document = ReadOnlyMemory<byte>.Empty,
        };
    }

    private static string? NullableString(DuckDBDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
