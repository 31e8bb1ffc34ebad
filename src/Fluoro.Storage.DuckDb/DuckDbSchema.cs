namespace Fluoro.Storage.DuckDb;

/// <summary>The on-disk layout. Bump <see cref="FormatVersion"/> whenever a table or column changes meaning.</summary>
internal static class DuckDbSchema
{
    /// <summary>Written to <c>fluoro_meta</c> when the file is created and checked on every open.</summary>
    public const int FormatVersion = 4;

    public const string MetaTable = "fluoro_meta";

    public const string FormatVersionKey = "format_version";

    public const string SegmentsTable = "segments";

    public const string AnnotationsTable = "annotations";

    public const string DocumentsTable = "segment_documents";

    public const string DictionariesTable = "compression_dictionaries";

    public const string NamesTable = "downstream_names";

    // Column order matters: the appender writes positionally (see DuckDbRowWriter).
    // The index columns and the documents live in separate tables: searches and filters never touch document
    // bytes. A document row holds the record's other fields (SegmentMetaCodec) and the document as received in one
    // zstd frame compressed with a dictionary trained on the store's own documents (DocumentPayloadCodec): a lookup
    // reads and decompresses only its own rows, where DuckDB's column compression decompressed whole vectors.
    // downstream_names indexes the names of the nodes a document's aws/remote subsegments call, so that service()
    // finds inferred nodes without reading documents.
    public static readonly string[] Create =
    [
        $"CREATE TABLE {MetaTable} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        $"""
        CREATE TABLE {SegmentsTable} (
            trace_key BIGINT NOT NULL,
            trace_epoch BIGINT NOT NULL,
            trace_uid HUGEINT NOT NULL,
            trace_id VARCHAR NOT NULL,
            id VARCHAR NOT NULL,
            id_key BIGINT NOT NULL,
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
            dictionary_id INTEGER NOT NULL,
            payload BLOB USING COMPRESSION uncompressed NOT NULL
        )
        """,
        $"CREATE TABLE {DictionariesTable} (id INTEGER PRIMARY KEY, dictionary BLOB NOT NULL)",
        $"""
        CREATE TABLE {NamesTable} (
            trace_key BIGINT NOT NULL,
            trace_epoch BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            name VARCHAR NOT NULL
        )
        """,
        $"""
        CREATE TABLE {AnnotationsTable} (
            trace_key BIGINT NOT NULL,
            trace_epoch BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            key VARCHAR NOT NULL,
            string_value VARCHAR,
            number_value DOUBLE,
            boolean_value BOOLEAN
        )
        """,
        // The upsert rule as views for ad-hoc SQL: per (trace_id, id) a complete document beats an in-progress one,
        // then the latest write wins. (The store's own queries apply the rule to candidate traces only.)
        $"""
        CREATE VIEW current_segment_fields AS
        SELECT * FROM {SegmentsTable}
        QUALIFY row_number() OVER (PARTITION BY trace_id, id ORDER BY in_progress, seq DESC) = 1
        """,
        $"""
        CREATE VIEW current_annotations AS
        SELECT s.trace_id, s.id, a.* FROM {AnnotationsTable} a JOIN current_segment_fields s ON a.seq = s.seq
        """,
    ];
}
