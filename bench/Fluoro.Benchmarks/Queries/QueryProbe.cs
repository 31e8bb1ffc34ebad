extern alias xray;

using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Fluoro.Storage;
using Fluoro.Storage.DuckDb;
using TraceFilter = Fluoro.Storage.TraceFilter;
using xray::Fluoro.XRay;

namespace Fluoro.Benchmarks.Queries;

/// <summary>
/// <c>-- query-sql</c>: the push-down SQL against the query data set opened read-only, compared with filtering the
/// deduplicating view after the fact (what a plain WHERE on <c>current_segments</c> does; last, one run), median of 5 runs each,
/// wall and process CPU time, plus DuckDB's EXPLAIN ANALYZE of both shapes.
/// </summary>
internal static class QueryProbe
{
    public static void Run(long traces, TextWriter log)
    {
        var path = Path.Combine(QueryDataset.DirectoryFor(traces), new DuckDbStoreOptions { DataDirectory = "." }.FileName);
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var low = QueryDataset.BaseEpoch;
        var high = QueryDataset.BaseEpoch + (long)QueryDataset.HourSeconds;
        var condition = "name = 'svc-3' AND NOT is_subsegment";
        TraceSearch Search(TraceFilter filter) => new() { StartTime = low, EndTime = high, Limit = 100, Filter = filter };
        var service = TraceFilter.Or(
            new AnySegmentFilter(SegmentCondition.And(
                SegmentCondition.Compare(SegmentField.IsSubsegment, ValueComparison.OfBoolean(ValueOperator.Equal, false)),
                SegmentCondition.Compare(SegmentField.Name, ValueComparison.OfText(ValueOperator.Equal, "svc-3")))),
            new DownstreamNameFilter("svc-3"));
        var annotation = new AnyAnnotationFilter("k", ValueComparison.OfText(ValueOperator.Equal, "v"));
        var shapes = new (string Name, string Sql)[]
        {
            ("search page: service(\"svc-3\") AND annotation.k = \"v\" (support: annotation candidates ∩ (name ∪ downstream-name candidates))",
                DuckDbTraceFilterSql.BuildSearchSql(Search(TraceFilter.And(service, annotation)), null, 100)),
            ("search page: annotation.k = \"v\" alone (10,000 matches)", DuckDbTraceFilterSql.BuildSearchSql(Search(annotation), null, 100)),
            ("search page: name = svc-3 on a segment alone (100,000 matches)",
                DuckDbTraceFilterSql.BuildSearchSql(Search(((TraceFilterOr)service).Left), null, 100)),
            ("view current_segment_fields with a partition-key pre-filter (window below the filter), count",
                $"SELECT count(DISTINCT trace_id) FROM current_segment_fields WHERE trace_id IN (SELECT trace_id FROM segments WHERE trace_epoch >= {low} AND trace_epoch < {high} AND {condition}) AND {condition}"),
            ("view current_segment_fields, then time and condition (filter above the dedupe window; one run), count",
                $"SELECT count(DISTINCT trace_id) FROM current_segment_fields WHERE trace_epoch >= {low} AND trace_epoch < {high} AND {condition}"),
        };
        if (Environment.GetEnvironmentVariable("FLUORO_BENCH_PRINT_SQL") == "1")
        {
            log.WriteLine(shapes[0].Sql);
            return;
        }

        foreach (var (name, sql) in shapes)
        {
            var walls = new List<double>();
            var cpus = new List<double>();
            object? result = null;
            var runs = name.Contains("one run", StringComparison.Ordinal) ? 1 : 5;
            for (var i = 0; i < runs; i++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                using (var reader = command.ExecuteReader())
                {
                    var rows = 0;
                    while (reader.Read())
                    {
                        result ??= reader.GetValue(0);
                        rows++;
                    }

                    result = rows == 1 ? result : rows;
                }

                walls.Add(wall.Elapsed.TotalMilliseconds);
                cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }

            walls.Sort();
            cpus.Sort();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: result {result}, median {walls[runs / 2]:F1} ms wall, {cpus[runs / 2]:F1} ms CPU (min {walls[0]:F1} ms)"));
            log.Flush();
        }

        if (Environment.GetEnvironmentVariable("FLUORO_BENCH_EXPLAIN") == "1")
        {
            foreach (var (name, sql) in shapes)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN ANALYZE " + sql;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    log.WriteLine($"--- {name}\n{reader.GetValue(1)}");
                }
            }
        }

        connection.Close();
        if (Environment.GetEnvironmentVariable("FLUORO_BENCH_STORE") == "1")
        {
            // The same search through the store (its connections and settings), then reading the page's traces.
            var store = DuckDbTraceStore.OpenAsync(QueryDataset.Options(traces)).AsTask().GetAwaiter().GetResult();
            var filtered = Search(TraceFilter.And(service, annotation));
            for (var i = 0; i < 5; i++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                var page = store.SearchAsync(filtered).AsTask().GetAwaiter().GetResult();
                var searched = wall.Elapsed.TotalMilliseconds;
                var records = store.GetTracesAsync(page.TraceIds).AsTask().GetAwaiter().GetResult();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"store: search {searched:F1} ms, then GetTraces of {records.Count} traces {wall.Elapsed.TotalMilliseconds - searched:F1} ms; {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU"));
            }

            // The whole GetTraceSummaries call (search, fetch, assemble, confirm), wall and process CPU per call.
            var queries = new TraceQueryService(store, new FilterExpressionCompiler());
            var walls = new List<double>();
            var cpus = new List<double>();
            var count = 0;
            for (var i = 0; i < 25; i++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                count = queries.GetTraceSummariesAsync(new GetTraceSummariesRequest
                {
                    StartTime = low,
                    EndTime = high,
                    FilterExpression = "service(\"svc-3\") AND annotation.k = \"v\"",
                }).AsTask().GetAwaiter().GetResult().TraceSummaries.Count;
                walls.Add(wall.Elapsed.TotalMilliseconds);
                cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }

            walls.Sort();
            cpus.Sort();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GetTraceSummaries service(\"svc-3\") AND annotation.k = \"v\": {count} summaries; 25 calls, median {walls[12]:F1} ms wall (min {walls[0]:F1}, p90 {walls[22]:F1}), median {cpus[12]:F1} ms process CPU"));
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

    }
}
