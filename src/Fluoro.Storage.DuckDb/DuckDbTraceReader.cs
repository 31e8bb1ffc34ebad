using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Fluoro.Storage.DuckDb;

/// <summary>The read queries. Identifiers reach SQL only after <see cref="TraceKey.IsSafeLiteral"/>; numbers are formatted invariantly.</summary>
internal static class DuckDbTraceReader
{
    public const int MaxSearchLimit = 10_000;

    public static IReadOnlyList<SegmentRecord> ReadTrace(DuckDBConnection connection, string traceId)
    {
        var key = TraceKey.From(traceId);
        var where = $"trace_epoch = {key.Epoch} AND trace_key = {key.Key} AND trace_id = '{traceId}'";

        // Several rows may share an id (retries, in-progress then complete); keep the one the upsert rule picks.
        var best = new Dictionary<string, (long Seq, SegmentRecord Record)>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {DuckDbSchema.SegmentColumns} FROM {DuckDbSchema.SegmentsTable} WHERE {where}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(2);
                var inProgress = reader.GetBoolean(10);
                var id = reader.GetString(1);
                if (best.TryGetValue(id, out var existing) && !Replaces(inProgress, seq, existing.Record.InProgress, existing.Seq))
                {
                    continue;
                }

                best[id] = (seq, ReadRecord(reader));
            }
        }

        if (best.Count == 0)
        {
            return [];
        }

        var annotations = new Dictionary<string, List<AnnotationValue>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT id, seq, key, string_value, number_value, boolean_value FROM {DuckDbSchema.AnnotationsTable} WHERE {where} ORDER BY seq, rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!best.TryGetValue(id, out var chosen) || chosen.Seq != reader.GetInt64(1))
                {
                    continue;
                }

                if (!annotations.TryGetValue(id, out var list))
                {
                    annotations[id] = list = [];
                }

                list.Add(new AnnotationValue(
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    reader.IsDBNull(5) ? null : reader.GetBoolean(5)));
            }
        }

        var records = new List<SegmentRecord>(best.Count);
        foreach (var (id, (_, record)) in best)
        {
            records.Add(annotations.TryGetValue(id, out var list)
                ? record with { Index = record.Index with { Annotations = list } }
                : record);
        }

        records.Sort(static (a, b) =>
        {
            var byStart = a.StartTime.CompareTo(b.StartTime);
            return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
        });
        return records;
    }

    /// <summary>The upsert rule: complete beats in-progress; otherwise the later write wins.</summary>
    internal static bool Replaces(bool inProgress, long seq, bool existingInProgress, long existingSeq) =>
        inProgress == existingInProgress ? seq > existingSeq : existingInProgress;

    public static TraceSearchPage Search(DuckDBConnection connection, TraceSearch search, SearchCursor? cursor)
    {
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

    private static SegmentRecord ReadRecord(DuckDBDataReader reader)
    {
        var document = reader.GetString(27);
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
            Document = Encoding.UTF8.GetBytes(document),
        };
    }

    private static string? NullableString(DuckDBDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
