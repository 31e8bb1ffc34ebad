namespace Fluoro.Storage.DuckDb;

/// <summary>The on-disk layout. Bump <see cref="FormatVersion"/> whenever a table or column changes meaning.</summary>
internal static class DuckDbSchema
{
    /// <summary>Written to <c>fluoro_meta</c> when the file is created and checked on every open.</summary>
    public const int FormatVersion = 3;

    public const string MetaTable = "fluoro_meta";

    public const string FormatVersionKey = "format_version";

    public const string SegmentsTable = "segments";

    public const string AnnotationsTable = "annotations";

    public const string DocumentsTable = "segment_documents";

    // Column order matters: the appender writes positionally (see DuckDbRowWriter).
    // The index columns and the documents live in separate tables: searches and filters never touch document
    // bytes, and fetching a trace decodes only the narrow documents table. Documents are
    // BLOBs (the bytes as received, no UTF-8 → string round trip) next to the record's other fields in a compact
    // binary form (SegmentMetaCodec), so a lookup reads this one table; zstd over whole column segments exploits
    // the repetition between documents (keys, names, URLs) that per-document compression cannot see.
    public static readonly string[] Create =
    [
        $"CREATE TABLE {MetaTable} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        $"""
        CREATE TABLE {SegmentsTable} (
            trace_key BIGINT NOT NULL,
            trace_epoch BIGINT NOT NULL,
            trace_id VARCHAR NOT NULL,
            id VARCHAR NOT NULL,
            seq BIGINT NOT NULL,
            received_time DOUBLE NOT NULL,
            parent_id VARCHAR,
            is_subsegment BOOLEAN NOT NULL,
            name VARCHAR NOT NULL,
            origin VARCHAR,
            start_time DOUBLE NOT NULL,
            end_time DOUBLE,
            in_progress BOOLEAN NOT NULL,
            has_fault BOOLEAN NOT NULL,
            has_error BOOLEAN NOT NULL,
            has_throttle BOOLEAN NOT NULL,
            fault BOOLEAN NOT NULL,
            error BOOLEAN NOT NULL,
            throttle BOOLEAN NOT NULL,
            http_status INTEGER,
            http_method VARCHAR,
            http_url VARCHAR,
            http_user_agent VARCHAR,
            http_client_ip VARCHAR,
            user_name VARCHAR,
            resource_arn VARCHAR,
            account_id VARCHAR,
            instance_id VARCHAR,
            availability_zone VARCHAR
        )
        """,
        $"""
        CREATE TABLE {DocumentsTable} (
            trace_epoch BIGINT NOT NULL,
            trace_key BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            meta BLOB USING COMPRESSION zstd NOT NULL,
            document BLOB USING COMPRESSION zstd NOT NULL
        )
        """,
        $"""
        CREATE TABLE {AnnotationsTable} (
            trace_key BIGINT NOT NULL,
            trace_epoch BIGINT NOT NULL,
            trace_id VARCHAR NOT NULL,
            id VARCHAR NOT NULL,
            seq BIGINT NOT NULL,
            received_time DOUBLE NOT NULL,
            key VARCHAR NOT NULL,
            string_value VARCHAR,
            number_value DOUBLE,
            boolean_value BOOLEAN
        )
        """,
        // The upsert rule as a view: per (trace_id, id) a complete document beats an in-progress one,
        // then the latest write wins. Filter push-down queries read these views. current_segment_fields has
        // every index column and no document (no join: prefer it); current_segments adds the document as
        // text through a join with the documents table, for queries that really need it.
        $"""
        CREATE VIEW current_segment_fields AS
        SELECT * FROM {SegmentsTable}
        QUALIFY row_number() OVER (PARTITION BY trace_id, id ORDER BY in_progress, seq DESC) = 1
        """,
        $"""
        CREATE VIEW current_segments AS
        SELECT s.*, decode(d.document) AS document
        FROM current_segment_fields s
        JOIN {DocumentsTable} d ON d.trace_epoch = s.trace_epoch AND d.trace_key = s.trace_key AND d.seq = s.seq
        """,
        $"""
        CREATE VIEW current_annotations AS
        SELECT a.* FROM {AnnotationsTable} a SEMI JOIN current_segment_fields s ON a.trace_id = s.trace_id AND a.id = s.id AND a.seq = s.seq
        """,
    ];
}
