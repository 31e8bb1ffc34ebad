using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// Translates a <see cref="TraceFilter"/> into one SQL query over the views <c>current_segments</c> and
/// <c>current_annotations</c> and runs a filtered <see cref="TraceSearch"/> with it.
/// </summary>
/// <remarks>
/// <para>Shape: every atom becomes a CTE holding the trace ids that satisfy it. An atom reads its view with an extra
/// <c>trace_id IN (…)</c> over the <em>base table</em>, restricted by the search window and the atom's own condition.
/// That filter is on the views' partition column, so DuckDB applies it below the <c>row_number()</c> dedupe window:
/// only the candidate traces' rows are sorted, not every row of the window (a plain <c>WHERE</c> on the view is
/// evaluated after the window function, over every stored row — see docs/benchmarks.md, "Queries"). The condition
/// is checked again on the deduplicated rows, because a superseded record may satisfy it while the current one
/// does not.</para>
/// <para>The result set starts from a "support" of the formula — atoms that every matching trace must satisfy (a
/// positive conjunct, or the union of both sides of an OR) — so the window's time aggregate is computed only for
/// candidates; a formula without support (e.g. a bare NOT) falls back to every trace of the window.</para>
/// <para>Identifiers never reach SQL from users; strings are single-quote escaped, numbers are DOUBLE literals.</para>
/// </remarks>
internal static class DuckDbTraceFilterSql
{
    public static TraceSearchPage Search(DuckDBConnection connection, TraceSearch search, SearchCursor? cursor)
    {
        var limit = Math.Clamp(search.Limit, 1, DuckDbTraceReader.MaxSearchLimit);
        var filter = search.Filter ?? TraceFilter.All;
        if (filter is TraceFilterConstant { Value: false })
        {
            return new TraceSearchPage([], null, 0);
        }

        var sql = BuildSearchSql(search, cursor, limit);
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

    /// <summary>The whole query (exposed for the benchmark's EXPLAIN ANALYZE and for tests).</summary>
    internal static string BuildSearchSql(TraceSearch search, SearchCursor? cursor, int limit)
    {
        var (window, sortKey, scope) = Window(search);
        var builder = new Builder(scope);
        var formula = builder.Formula(search.Filter ?? TraceFilter.All);
        var support = builder.Support(search.Filter ?? TraceFilter.All);
        var after = cursor is { } c
            ? $"AND (t < {DuckDbTraceReader.DoubleLiteral(c.Time)} OR (t = {DuckDbTraceReader.DoubleLiteral(c.Time)} AND trace_id < '{c.TraceId}'))"
            : string.Empty;
        var candidates = support is null ? string.Empty : $"AND trace_id IN ({support})";
        var ctes = builder.Ctes.Count == 0 ? string.Empty : "WITH " + string.Join(",\n", builder.Ctes) + "\n";
        return $"""
            {ctes}SELECT trace_id, t FROM (
                SELECT trace_id, {sortKey} AS t FROM {DuckDbSchema.SegmentsTable}
                WHERE {window} {candidates}
                GROUP BY trace_id
            )
            WHERE ({formula}) {after}
            ORDER BY t DESC, trace_id DESC
            LIMIT {limit + 1}
            """;
    }

    /// <summary>
    /// The window on the base table, its sort key, and the row restriction every atom's pre-filter applies before the
    /// dedupe: an epoch range for trace-id windows (zone-map pruning). Event and service windows have no row bound
    /// (a record of a trace active in the window may itself lie outside it); atoms are then as selective as their
    /// own condition, and the candidate query intersects them with the window.
    /// </summary>
    private static (string Window, string SortKey, string Scope) Window(TraceSearch search)
    {
        switch (search.TimeRangeType)
        {
            case TimeRangeType.TraceId:
                var low = CeilingToLong(search.StartTime);
                var high = CeilingToLong(search.EndTime);
                var epochs = $"trace_epoch >= {low} AND trace_epoch < {high}";
                return (epochs, "CAST(max(trace_epoch) AS DOUBLE)", epochs);
            case TimeRangeType.Event:
                var received = $"received_time >= {DuckDbTraceReader.DoubleLiteral(search.StartTime)} AND received_time < {DuckDbTraceReader.DoubleLiteral(search.EndTime)}";
                return (received, "max(received_time)", "true");
            case TimeRangeType.Service:
                var ended = $"end_time >= {DuckDbTraceReader.DoubleLiteral(search.StartTime)} AND end_time < {DuckDbTraceReader.DoubleLiteral(search.EndTime)}";
                return (ended, "max(end_time)", "true");
            default:
                throw new ArgumentOutOfRangeException(nameof(search), search.TimeRangeType, "Unknown time range type.");
        }
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

    internal static string StringLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private sealed class Builder(string scope)
    {
        private readonly Dictionary<TraceFilter, string> _atoms = [];

        public List<string> Ctes { get; } = [];

        /// <summary>The boolean formula over the candidate row's <c>trace_id</c>.</summary>
        public string Formula(TraceFilter filter) => filter switch
        {
            TraceFilterConstant constant => constant.Value ? "true" : "false",
            TraceFilterAnd and => $"({Formula(and.Left)} AND {Formula(and.Right)})",
            TraceFilterOr or => $"({Formula(or.Left)} OR {Formula(or.Right)})",
            TraceFilterNot not => $"(NOT {Formula(not.Operand)})",
            _ => $"trace_id IN (SELECT trace_id FROM {Atom(filter)})",
        };

        /// <summary>A set of trace ids every match belongs to, or null when the formula has none.</summary>
        public string? Support(TraceFilter filter)
        {
            switch (filter)
            {
                case TraceFilterConstant:
                case TraceFilterNot:
                    return null;
                case TraceFilterAnd and:
                    return Support(and.Left) ?? Support(and.Right);
                case TraceFilterOr or:
                    return Support(or.Left) is { } left && Support(or.Right) is { } right ? $"{left} UNION {right}" : null;
                default:
                    return $"SELECT trace_id FROM {Atom(filter)}";
            }
        }

        private string Atom(TraceFilter filter)
        {
            if (_atoms.TryGetValue(filter, out var name))
            {
                return name;
            }

            name = "a" + _atoms.Count.ToString(CultureInfo.InvariantCulture);
            _atoms[filter] = name;
            Ctes.Add($"{name} AS MATERIALIZED ({AtomQuery(filter)})");
            return name;
        }

        private string AtomQuery(TraceFilter filter)
        {
            switch (filter)
            {
                case AnySegmentFilter segment:
                {
                    var condition = Condition(segment.Condition);
                    return $"SELECT DISTINCT trace_id FROM current_segments WHERE trace_id IN " +
                           $"(SELECT trace_id FROM {DuckDbSchema.SegmentsTable} WHERE {scope} AND {condition}) AND {condition}";
                }

                case AnyAnnotationFilter annotation:
                {
                    var condition = AnnotationCondition(annotation);
                    return $"SELECT DISTINCT trace_id FROM current_annotations WHERE trace_id IN " +
                           $"(SELECT trace_id FROM {DuckDbSchema.AnnotationsTable} WHERE {scope} AND {condition}) AND {condition}";
                }

                case DocumentContainsFilter contains:
                {
                    // CAST keeps this valid whether documents are VARCHAR or BLOB (ASCII needles match either way).
                    var condition = $"contains(CAST(document AS VARCHAR), {StringLiteral(contains.Text)})";
                    return $"SELECT DISTINCT trace_id FROM current_segments WHERE trace_id IN " +
                           $"(SELECT trace_id FROM {DuckDbSchema.SegmentsTable} WHERE {scope} AND {condition}) AND {condition}";
                }

                default:
                    throw new NotSupportedException($"Unknown trace filter {filter.GetType().Name}.");
            }
        }

        private static string AnnotationCondition(AnyAnnotationFilter annotation)
        {
            var key = $"key = {StringLiteral(annotation.Key)}";
            if (annotation.Comparison is not { Operator: not ValueOperator.IsSet } comparison)
            {
                return key;
            }

            string? test = comparison switch
            {
                { Text: { } text } => Compare("string_value", comparison.Operator, text),
                { Number: { } number } => Compare("number_value", comparison.Operator, number),
                { Boolean: { } flag } => Compare("boolean_value", comparison.Operator, flag),
                _ => null,
            };
            return test is null ? "false" : $"({key} AND coalesce({test}, false))";
        }

        private static string Condition(SegmentCondition condition) => condition switch
        {
            SegmentConditionAnd and => $"({Condition(and.Left)} AND {Condition(and.Right)})",
            SegmentConditionOr or => $"({Condition(or.Left)} OR {Condition(or.Right)})",
            SegmentConditionNot not => $"(NOT {Condition(not.Operand)})",
            SegmentFieldCondition field => FieldCondition(field.Field, field.Comparison),
            _ => throw new NotSupportedException($"Unknown segment condition {condition.GetType().Name}."),
        };

        private static string FieldCondition(SegmentField field, ValueComparison comparison)
        {
            var (column, kind) = Column(field);
            if (comparison.Operator == ValueOperator.IsSet)
            {
                return $"({column} IS NOT NULL)";
            }

            string? test = (kind, comparison) switch
            {
                ('s', { Text: { } text }) => Compare(column, comparison.Operator, text),
                ('n', { Number: { } number }) => Compare(column, comparison.Operator, number),
                ('b', { Boolean: { } flag }) => Compare(column, comparison.Operator, flag),
                _ => null,
            };

            // Two-valued logic: a comparison with an absent field is false, so that NOT of it is true.
            return test is null ? "false" : $"coalesce({test}, false)";
        }

        private static (string Column, char Kind) Column(SegmentField field) => field switch
        {
            SegmentField.IsSubsegment => ("is_subsegment", 'b'),
            SegmentField.InProgress => ("in_progress", 'b'),
            SegmentField.Name => ("name", 's'),
            SegmentField.Origin => ("origin", 's'),
            SegmentField.StartTime => ("start_time", 'n'),
            SegmentField.EndTime => ("end_time", 'n'),
            SegmentField.Elapsed => ("(end_time - start_time)", 'n'),
            SegmentField.ReceivedTime => ("received_time", 'n'),
            SegmentField.Fault => ("fault", 'b'),
            SegmentField.Error => ("error", 'b'),
            SegmentField.Throttle => ("throttle", 'b'),
            SegmentField.HasFault => ("has_fault", 'b'),
            SegmentField.HasError => ("has_error", 'b'),
            SegmentField.HasThrottle => ("has_throttle", 'b'),
            SegmentField.HttpStatus => ("http_status", 'n'),
            SegmentField.HttpMethod => ("http_method", 's'),
            SegmentField.HttpUrl => ("http_url", 's'),
            SegmentField.HttpUserAgent => ("http_user_agent", 's'),
            SegmentField.HttpClientIp => ("http_client_ip", 's'),
            SegmentField.User => ("user_name", 's'),
            SegmentField.ResourceArn => ("resource_arn", 's'),
            SegmentField.AccountId => ("account_id", 's'),
            SegmentField.InstanceId => ("instance_id", 's'),
            SegmentField.AvailabilityZone => ("availability_zone", 's'),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown segment field."),
        };

        private static string? Compare(string column, ValueOperator op, string value)
        {
            var literal = StringLiteral(value);
            return op switch
            {
                ValueOperator.Equal => $"({column} = {literal})",
                ValueOperator.NotEqual => $"({column} <> {literal})",
                ValueOperator.Contains => $"contains({column}, {literal})",
                ValueOperator.BeginsWith => $"starts_with({column}, {literal})",
                ValueOperator.EndsWith => $"suffix({column}, {literal})",
                _ => null,
            };
        }

        private static string? Compare(string column, ValueOperator op, double value)
        {
            var literal = DuckDbTraceReader.DoubleLiteral(value);
            var sqlOperator = op switch
            {
                ValueOperator.Equal => "=",
                ValueOperator.NotEqual => "<>",
                ValueOperator.LessThan => "<",
                ValueOperator.LessThanOrEqual => "<=",
                ValueOperator.GreaterThan => ">",
                ValueOperator.GreaterThanOrEqual => ">=",
                _ => null,
            };
            return sqlOperator is null ? null : $"(CAST({column} AS DOUBLE) {sqlOperator} {literal})";
        }

        private static string? Compare(string column, ValueOperator op, bool value)
        {
            var literal = value ? "true" : "false";
            return op switch
            {
                ValueOperator.Equal => $"({column} = {literal})",
                ValueOperator.NotEqual => $"({column} <> {literal})",
                _ => null,
            };
        }
    }
}
