using System.Globalization;
using DuckDB.NET.Data;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// Translates a <see cref="TraceFilter"/> into one SQL query and runs a filtered <see cref="TraceSearch"/> with it.
/// The meaning is that of the upsert rule applied (the view <c>current_segment_fields</c>); the shape avoids
/// evaluating that view over the whole window.
/// </summary>
/// <remarks>
/// <para>Three steps, all in one statement. (1) Each atom's <em>candidates</em>: the traces with any stored row —
/// current or superseded — that satisfies it, a plain scan of one base table with the window's epoch range and the
/// condition applied (zone maps prune row groups; no join, no window function). Candidates are a superset of the
/// atom's matches. (2) The <em>support</em>: candidates combined by the formula's positive structure (AND →
/// intersection, OR → union; NOT has none), a superset of the formula's matches. (3) Exact evaluation: the rows of
/// the support's traces (or, without a support, of each atom's candidates) are deduplicated under the upsert rule
/// and each atom is evaluated on those current rows only; the formula over the atoms decides.</para>
/// <para>Why: deduplicating every row of the window (the view's <c>row_number()</c>) costs seconds at 1 M traces per
/// hour, and anti-joins per atom over every row of the window hundreds of milliseconds (docs/benchmarks.md,
/// "Queries"); candidates cost one column scan each, and the exact part only sees the few traces that can match.</para>
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
        return DuckDbTraceReader.ReadPage(connection, sql, search.TimeRangeType, limit);
    }

    /// <summary>The whole query (exposed for the benchmark's EXPLAIN ANALYZE and for tests).</summary>
    internal static string BuildSearchSql(TraceSearch search, SearchCursor? cursor, int limit)
    {
        var (window, sortKey, epochs) = Window(search);
        var filter = search.Filter ?? TraceFilter.All;
        var builder = new Builder(epochs);
        var formula = builder.Formula(filter);
        var support = builder.Support(filter);
        builder.AddExactAtoms(support is not null);
        var after = cursor is { } c ? "AND " + c.AfterSql() : string.Empty;
        var ctes = builder.Ctes.Count == 0 ? string.Empty : "WITH " + string.Join(",\n", builder.Ctes) + "\n";

        // With a support and a trace-id window, the traces to rank are all in cur (every supported trace is some
        // atom's candidate) and the sort key is the trace's own epoch, so cur answers it without another scan.
        var ranked = support is not null && epochs is not null && builder.HasCurrentRows
            ? "SELECT trace_uid, CAST(max(trace_epoch) AS DOUBLE) AS t FROM cur WHERE trace_key IN (SELECT trace_key FROM s0) GROUP BY trace_uid"
            : $"SELECT trace_uid, {sortKey} AS t FROM {DuckDbSchema.SegmentsTable} WHERE {window} " +
              (support is null ? string.Empty : "AND trace_key IN (SELECT trace_key FROM s0) ") + "GROUP BY trace_uid";
        return $"""
            {ctes}SELECT trace_uid, t FROM ({ranked})
            WHERE ({formula}) {after}
            ORDER BY t DESC, trace_uid DESC
            LIMIT {limit + 1}
            """;
    }

    /// <summary>
    /// The window on the base table, its sort key, and the row restriction every atom applies: an epoch range for
    /// trace-id windows (zone-map pruning). Event and service windows have no row bound (a record of a trace active
    /// in the window may itself lie outside it); atoms are then as selective as their own condition, and the outer
    /// query intersects them with the window.
    /// </summary>
    private static (string Window, string SortKey, (long Low, long High)? Epochs) Window(TraceSearch search)
    {
        switch (search.TimeRangeType)
        {
            case TimeRangeType.TraceId:
                var low = CeilingToLong(search.StartTime);
                var high = CeilingToLong(search.EndTime);
                return ($"trace_epoch >= {low} AND trace_epoch < {high}", "CAST(max(trace_epoch) AS DOUBLE)", (low, high));
            case TimeRangeType.Event:
                var received = $"received_time >= {DuckDbTraceReader.DoubleLiteral(search.StartTime)} AND received_time < {DuckDbTraceReader.DoubleLiteral(search.EndTime)}";
                return (received, "max(received_time)", null);
            case TimeRangeType.Service:
                var ended = $"end_time >= {DuckDbTraceReader.DoubleLiteral(search.StartTime)} AND end_time < {DuckDbTraceReader.DoubleLiteral(search.EndTime)}";
                return (ended, "max(end_time)", null);
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

    private sealed class Builder((long Low, long High)? epochs)
    {
        private readonly Dictionary<TraceFilter, int> _atoms = [];

        /// <summary>Whether the query has <c>cur</c>: <see cref="AddExactAtoms"/> adds it whenever the formula has an atom.</summary>
        public bool HasCurrentRows => _atoms.Count > 0;

        public List<string> Ctes { get; } = [];

        /// <summary>The boolean formula over the outer row's <c>trace_uid</c>; registers each distinct atom and its candidates (<c>kN</c>).</summary>
        public string Formula(TraceFilter filter) => filter switch
        {
            TraceFilterConstant constant => constant.Value ? "true" : "false",
            TraceFilterAnd and => $"({Formula(and.Left)} AND {Formula(and.Right)})",
            TraceFilterOr or => $"({Formula(or.Left)} OR {Formula(or.Right)})",
            TraceFilterNot not => $"(NOT {Formula(not.Operand)})",
            _ => $"trace_uid IN (SELECT trace_uid FROM a{Atom(filter)})",
        };

        /// <summary>
        /// The support as CTE <c>s0</c> — candidates combined by the formula's positive structure — or null when the
        /// formula has none (a bare NOT), in which case the outer query sees the whole window.
        /// </summary>
        public string? Support(TraceFilter filter)
        {
            if (SupportQuery(filter) is not { } support)
            {
                return null;
            }

            Ctes.Add($"s0 AS MATERIALIZED ({support})");
            return "s0";
        }

        /// <summary>
        /// The current rows of the traces that can match (<c>cur</c>), then each atom's exact matches on them (<c>aN</c>).
        /// </summary>
        public void AddExactAtoms(bool hasSupport)
        {
            if (_atoms.Count == 0)
            {
                return;
            }

            // Every supported trace is some atom's candidate, so with a support the traces to check are exactly s0.
            var traces = hasSupport ? "s0" : "ck";
            if (!hasSupport)
            {
                Ctes.Add($"ck AS MATERIALIZED ({string.Join(" UNION ", _atoms.Values.Select(i => $"SELECT trace_key FROM k{i}"))})");
            }

            // The upsert rule on those traces' rows only, over integer keys (see TraceKey.Uid); then an atom holds
            // where one of its candidate rows is a current row (seq is unique across the store).
            Ctes.Add($"""
                cur AS MATERIALIZED (
                    SELECT trace_key, trace_epoch, trace_uid, seq FROM {DuckDbSchema.SegmentsTable}
                    WHERE {Scope()} AND trace_key IN (SELECT trace_key FROM {traces})
                    QUALIFY row_number() OVER (PARTITION BY trace_uid, id_key ORDER BY in_progress, seq DESC) = 1)
                """);
            foreach (var i in _atoms.Values)
            {
                Ctes.Add($"a{i} AS MATERIALIZED (SELECT DISTINCT c.trace_uid FROM cur c JOIN k{i} k ON k.seq = c.seq)");
            }
        }

        /// <summary>The row restriction of the window (every table has <c>trace_epoch</c>).</summary>
        private string Scope() => epochs is var (low, high) ? $"trace_epoch >= {low} AND trace_epoch < {high}" : "true";

        private string? SupportQuery(TraceFilter filter)
        {
            switch (filter)
            {
                case TraceFilterConstant { Value: false }:
                    return "SELECT NULL::BIGINT AS trace_key WHERE false";
                case TraceFilterConstant:
                case TraceFilterNot:
                    return null;
                case TraceFilterAnd and:
                {
                    var left = SupportQuery(and.Left);
                    var right = SupportQuery(and.Right);
                    return left is null ? right : right is null ? left : $"SELECT trace_key FROM ({left}) l INTERSECT SELECT trace_key FROM ({right}) r";
                }

                case TraceFilterOr or:
                {
                    return SupportQuery(or.Left) is { } left && SupportQuery(or.Right) is { } right
                        ? $"SELECT trace_key FROM ({left}) l UNION SELECT trace_key FROM ({right}) r"
                        : null;
                }

                default:
                    return $"SELECT trace_key FROM k{Atom(filter)}";
            }
        }

        private int Atom(TraceFilter filter)
        {
            if (_atoms.TryGetValue(filter, out var index))
            {
                return index;
            }

            index = _atoms.Count;
            _atoms[filter] = index;

            // Candidates: the stored rows (current or superseded) satisfying the atom; their traces are a superset of
            // the atom's matches, and the ones among the current rows are exactly its matches.
            var candidates = filter switch
            {
                AnySegmentFilter segment =>
                    $"SELECT trace_key, seq FROM {DuckDbSchema.SegmentsTable} WHERE {Scope()} AND {Condition(segment.Condition)}",
                AnyAnnotationFilter annotation =>
                    $"SELECT trace_key, seq FROM {DuckDbSchema.AnnotationsTable} WHERE {Scope()} AND {AnnotationCondition(annotation)}",
                DownstreamNameFilter name =>
                    $"SELECT trace_key, seq FROM {DuckDbSchema.NamesTable} WHERE {Scope()} AND name = {StringLiteral(name.Name)}",
                _ => throw new NotSupportedException($"Unknown trace filter {filter.GetType().Name}."),
            };
            Ctes.Add($"k{index} AS MATERIALIZED ({candidates})");
            return index;
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
