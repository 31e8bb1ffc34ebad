using DuckDB.NET.Data;
using Fluoro.Storage.ContractTests;
using Fluoro.Testing;

namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>The SQL views offered for ad-hoc queries: column names and the upsert rule.</summary>
public sealed class DuckDbViewsTests : IDisposable
{
    private static readonly string[] s_indexColumns =
    [
        "trace_key", "trace_epoch", "trace_uid", "trace_id", "id", "id_key", "seq", "received_time", "parent_id", "is_subsegment", "name", "origin",
        "start_time", "end_time", "in_progress", "has_fault", "has_error", "has_throttle", "fault", "error", "throttle",
        "http_status", "http_method", "http_url", "http_user_agent", "http_client_ip", "user_name", "resource_arn",
        "account_id", "instance_id", "availability_zone",
    ];

    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-duckdb-views");

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Views_apply_the_upsert_rule()
    {
        var traceId = SegmentFixtures.NewTraceId();
        var id = SegmentFixtures.NewId();
        var complete = SegmentFixtures.Segment(traceId, id, httpStatus: 500,
            annotations: [new AnnotationValue("customer", "c-1", null, null)]);
        var inProgressLater = SegmentFixtures.Segment(traceId, id, inProgress: true,
            annotations: [new AnnotationValue("customer", "stale", null, null)]);
        var other = SegmentFixtures.Segment(traceId, parentId: id, httpStatus: 200);
        await using (var store = await DuckDbTraceStore.OpenAsync(new DuckDbStoreOptions { DataDirectory = _directory, MemoryLimit = "256MB", ReaderConnections = 1 }))
        {
            await store.WriteAsync([complete]).AsTask().DefaultTimeout();
            await store.WriteAsync([inProgressLater, other]).AsTask().DefaultTimeout();
        }

        using var connection = new DuckDBConnection($"Data Source={Path.Combine(_directory, "fluoro.duckdb")}");
        connection.Open();

        Assert.Equal(s_indexColumns, Columns(connection, "current_segment_fields"));

        var rows = Query(connection, "SELECT id, in_progress, has_fault, http_status FROM current_segment_fields ORDER BY seq");
        Assert.Equal(2, rows.Count);
        Assert.Equal(id, rows[0][0]);
        Assert.Equal(false, rows[0][1]);
        Assert.Equal(true, rows[0][2]);
        Assert.Equal(500, rows[0][3]);
        Assert.Equal(other.Id, rows[1][0]);

        var annotations = Query(connection, "SELECT id, key, string_value FROM current_annotations");
        var annotation = Assert.Single(annotations);
        Assert.Equal([id, "customer", "c-1"], annotation);
    }

    private static List<string> Columns(DuckDBConnection connection, string view) =>
        Query(connection, $"SELECT column_name FROM duckdb_columns() WHERE table_name = '{view}' ORDER BY column_index")
            .Select(row => (string)row[0]!)
            .ToList();

    private static List<object?[]> Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
