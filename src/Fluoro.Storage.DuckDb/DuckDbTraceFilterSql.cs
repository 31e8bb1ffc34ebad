using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// Translates a <see cref="TraceFilter"/> into one SQL query and runs a filtered <see cref="TraceSearch"/> with it.
/// The meaning is that of the views <c>current_segments</c>/<c>current_annotations</c> (the upsert rule applied);
/// the shape avoids evaluating them.
/// </summary>
/// <remarks>
/// <para>Why not the views: their <c>row_number()</c> dedupe runs over every row before any outer WHERE (DuckDB does
/// not push filters on non-partition columns through QUALIFY), and even a pre-filter on the partition key leaves a
/// window over every column, documents included, of the candidate rows — seconds at 1 M traces (docs/benchmarks.md,
/// "Queries"). Instead each atom takes candidate rows from the base tables with the window's epoch range and its
/// condition applied first (zone maps prune row groups), then keeps a candidate only if no other row of the same
/// (trace_id, id) beats it under the upsert rule — an anti-join against the candidate traces' rows only.</para>
/// <para>Support: the cheapest set of atoms every match must satisfy (a positive conjunct, both sides of an OR;
/// annotation atoms preferred, document scans last) is computed first; every other atom, and the window's time
/// aggregate, only look at the support's traces. A formula without support (a bare NOT) sees the whole window.</para>
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
        var (window, sortKey, scope) = Window(search);
        var builder = new Builder(scope);
        var support = builder.Support(search.Filter ?? TraceFilter.All);
        var formula = builder.Formula(search.Filter ?? TraceFilter.All);
        var after = cursor is { } c
            ? $"AND (t < {DuckDbTraceReader.DoubleLiteral(c.Time)} OR (t = {DuckDbTraceReader.DoubleLiteral(c.Time)} AND trace_id < '{c.TraceId}'))"
            : string.Empty;
        var candidates = support is null ? string.Empty : $"AND trace_key IN ({support})";
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
        private string? _support;

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

        /// <summary>
        /// Computes the support first — the cheapest set of atoms every match belongs to (a positive conjunct; both
        /// sides of an OR) — as CTE <c>s0</c>, so that every other atom only looks at the support's traces; returns
        /// the support query, or null when the formula has none (then atoms see the whole window).
        /// </summary>
        public string? Support(TraceFilter filter)
        {
            if (Cheapest(filter) is not { } support)
            {
                return null;
            }

            var union = string.Join(" UNION ", support.Atoms.Select(a => $"SELECT trace_id, trace_key FROM {Atom(a)}"));
            Ctes.Add($"s0 AS MATERIALIZED ({union})");
            _support = "s0";
            return "SELECT trace_key FROM s0";
        }

        /// <summary>A support and its rough cost: annotation and field atoms are cheap, document scans are not.</summary>
        private static (List<TraceFilter> Atoms, int Cost)? Cheapest(TraceFilter filter)
        {
            switch (filter)
            {
                case TraceFilterConstant:
                case TraceFilterNot:
                    return null;
                case TraceFilterAnd and:
                {
                    var left = Cheapest(and.Left);
                    var right = Cheapest(and.Right);
                    return left is null ? right : right is null ? left : left.Value.Cost <= right.Value.Cost ? left : right;
                }

                case TraceFilterOr or:
                {
                    return Cheapest(or.Left) is { } left && Cheapest(or.Right) is { } right
                        ? ([.. left.Atoms, .. right.Atoms], left.Cost + right.Cost)
                        : null;
                }

                case AnyAnnotationFilter:
                    return ([filter], 1);
                case DocumentContainsFilter:
                    return ([filter], 100);
                default:
                    return ([filter], 2);
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
            // Candidate rows come from the base tables, filtered by the window and the atom's condition (and, for
            // atoms after the first, by the formula's support), before any deduplication. A candidate counts only
            // if it is its document's current version: no other row of the same (trace_id, id) beats it under the
            // upsert rule (complete beats in-progress, then the higher seq). That check is an anti-join against the
            // rows of the candidate traces only, instead of the views' row_number() over every row of the window.
            // Integer keys narrow (a superset: 64 of the id's 96 random bits); trace_id decides exactly below.
            var restrict = _support is null ? string.Empty : $" AND trace_key IN (SELECT trace_key FROM {_support})";
            var candidates = filter switch
            {
                AnySegmentFilter segment =>
                    $"SELECT trace_id, trace_key, id, seq, in_progress FROM {DuckDbSchema.SegmentsTable} WHERE {scope} AND {Condition(segment.Condition)}{restrict}",
                AnyAnnotationFilter annotation =>
                    $"SELECT s.trace_id, s.trace_key, s.id, s.seq, s.in_progress FROM {DuckDbSchema.SegmentsTable} s SEMI JOIN " +
                    $"(SELECT trace_id, id, seq FROM {DuckDbSchema.AnnotationsTable} WHERE {scope} AND {AnnotationCondition(annotation)}{restrict}) a " +
                    $"ON s.trace_id = a.trace_id AND s.id = a.id AND s.seq = a.seq WHERE {scope}",

                // Documents live in their own table, keyed like their index row; only candidate rows are joined.
                // Documents were validated as UTF-8 JSON at ingest, so decode() cannot fail on them.
                DocumentContainsFilter contains =>
                    $"SELECT s.trace_id, s.trace_key, s.id, s.seq, s.in_progress FROM (SELECT trace_id, id, seq, in_progress, trace_epoch, trace_key FROM {DuckDbSchema.SegmentsTable} WHERE {scope}{restrict}) s " +
                    $"JOIN {DuckDbSchema.DocumentsTable} d ON d.trace_epoch = s.trace_epoch AND d.trace_key = s.trace_key AND d.seq = s.seq " +
                    $"WHERE {DocumentScope()} AND contains(decode(d.document), {StringLiteral(contains.Text)})",
                _ => throw new NotSupportedException($"Unknown trace filter {filter.GetType().Name}."),
            };
            return $"""
                WITH c AS MATERIALIZED ({candidates}),
                r AS MATERIALIZED (SELECT trace_id, id, seq, in_progress FROM {DuckDbSchema.SegmentsTable} WHERE {scope} AND trace_key IN (SELECT trace_key FROM c))
                SELECT DISTINCT c.trace_id, c.trace_key FROM c
                WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.trace_id = c.trace_id AND r.id = c.id
                    AND (r.in_progress < c.in_progress OR (r.in_progress = c.in_progress AND r.seq > c.seq)))
                """;
        }

        /// <summary>Filters on the documents table's own key columns, so its scan skips row groups and rows before decoding documents.</summary>
        private string DocumentScope()
        {
            var keys = _support is null ? "true" : $"d.trace_key IN (SELECT trace_key FROM {_support})";
            return scope == "true" ? keys : $"{keys} AND {scope.Replace("trace_epoch", "d.trace_epoch", StringComparison.Ordinal)}";
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
