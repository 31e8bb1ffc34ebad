using DuckDB.NET.Data;
using Fluoro.Storage.ContractTests;
using Fluoro.Testing;

namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>
/// Per-row document compression: the store trains a dictionary from its first documents, persists it before any row
/// uses it, and every document — written before or after, read before or after a reopen — comes back byte for byte.
/// </summary>
public sealed class DocumentCompressionTests : IDisposable
{
    private readonly string _directory = TestPaths.NewScratchDirectory("fluoro-duckdb-compression");

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Documents_round_trip_across_dictionary_training_and_reopen()
    {
        var options = new DuckDbStoreOptions { DataDirectory = _directory, MemoryLimit = "256MB", ReaderConnections = 1 };
        var written = new List<SegmentRecord>();
        await using (var store = await DuckDbTraceStore.OpenAsync(options))
        {
            Assert.Equal(DocumentPayloadCodec.NoDictionary, store.CompressionDictionaryId);

            // Enough documents to train on, then small batches until the writer has switched to the dictionary.
            for (var batch = 0; batch < 200 && store.CompressionDictionaryId == DocumentPayloadCodec.NoDictionary; batch++)
            {
                var records = Enumerable.Range(0, batch < 9 ? 1000 : 10).Select(i => SegmentFixtures.Segment(
                    SegmentFixtures.NewTraceId(), name: "svc-" + (i % 7), user: "user-" + (i % 13),
                    annotations: [new AnnotationValue("customer", "c-" + i, null, null)], downstream: ["DynamoDB", "orders-" + (i % 5)])).ToList();
                await store.WriteAsync(records).AsTask().DefaultTimeout();
                written.AddRange(records);
                if (batch >= 9)
                {
                    await Task.Delay(50);
                }
            }

            Assert.NotEqual(DocumentPayloadCodec.NoDictionary, store.CompressionDictionaryId);
            var after = Enumerable.Range(0, 100).Select(_ => SegmentFixtures.Segment(SegmentFixtures.NewTraceId(), downstream: ["payments"])).ToList();
            await store.WriteAsync(after).AsTask().DefaultTimeout();
            written.AddRange(after);
            await AssertRoundTripAsync(store, written);
        }

        await using (var reopened = await DuckDbTraceStore.OpenAsync(options))
        {
            Assert.NotEqual(DocumentPayloadCodec.NoDictionary, reopened.CompressionDictionaryId);
            await AssertRoundTripAsync(reopened, written);
        }

        // Rows compressed with the dictionary are much smaller than the ones written before it existed.
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(_directory, "fluoro.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dictionary_id > 0, avg(octet_length(payload)) FROM segment_documents GROUP BY ALL ORDER BY 1";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var plain = reader.GetDouble(1);
        Assert.True(reader.Read());
        var withDictionary = reader.GetDouble(1);
        Assert.True(withDictionary < plain * 0.75, $"dictionary rows average {withDictionary:F0} B, plain rows {plain:F0} B");
    }

    private static async Task AssertRoundTripAsync(DuckDbTraceStore store, List<SegmentRecord> written)
    {
        // A sample across the whole range, so rows of both kinds are read.
        var sample = written.Where((_, i) => i % 97 == 0 || i >= written.Count - 3).ToList();
        var found = await store.GetTracesAsync(sample.Select(r => r.TraceId).ToList()).AsTask().DefaultTimeout();
        foreach (var record in sample)
        {
            var stored = Assert.Single(found[record.TraceId]);
            Assert.Equal(record.Document.ToArray(), stored.Document.ToArray());
            Assert.Equal(record.Index.DownstreamNames, stored.Index.DownstreamNames);
            Assert.Equal(record.Index.Annotations, stored.Index.Annotations);
            Assert.Equal(record.Name, stored.Name);
        }
    }
}
