using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZstdSharp;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// Packs a record's metadata (<see cref="SegmentMetaCodec"/>) and its document into one zstd frame per row of
/// <c>segment_documents.payload</c>, compressed with a dictionary trained on this store's own documents.
/// </summary>
/// <remarks>
/// <para>Why per row and not DuckDB's column compression: a column-compressed BLOB is decompressed a vector at a
/// time, so fetching the 200 documents of a page of traces spread over an hour decompressed tens of megabytes
/// (40–80 ms). A frame per row is read on its own. Segment documents are small and alike (the same keys, names
/// and URLs), which plain per-row zstd cannot exploit (~2×) and a dictionary can (~5×: 640 → 130 bytes on the query
/// data set, smaller than the column compression it replaces).</para>
/// <para>Dictionaries: rows written before the first one is trained use <see cref="NoDictionary"/>. The writer
/// samples the first <see cref="SampleCount"/> payloads (at most <see cref="MaxSampleBytes"/> of them), trains a dictionary on a background thread and switches to
/// it once the store has persisted it (<c>compression_dictionaries</c>); it retrains after every
/// <see cref="RetrainAfterDocuments"/> documents so the dictionary follows the traffic. Dictionaries are never
/// deleted: each row names the one it needs.</para>
/// <para>Threads: <see cref="Encode"/>, <see cref="TakeTrainedDictionary"/> and <see cref="Activate"/> belong to the
/// writer thread; <see cref="Decode"/> is safe from any thread (decompressors are pooled per dictionary).</para>
/// </remarks>
internal sealed class DocumentPayloadCodec : IDisposable
{
    /// <summary>The dictionary id of frames compressed without a dictionary.</summary>
    public const int NoDictionary = 0;

    private const int CompressionLevel = 3;
    private const int SampleCount = 8192;
    private const int MaxSampleBytes = 8 * 1024 * 1024;
    private const int MaxBytesPerSample = 8 * 1024;
    private const int DictionaryCapacity = 64 * 1024;
    private const long RetrainAfterDocuments = 1_000_000;

    private readonly ConcurrentDictionary<int, byte[]> _dictionaries = new();
    private readonly ConcurrentDictionary<int, ConcurrentBag<Decompressor>> _decompressors = new();
    private readonly ILogger _logger;
    private readonly ArrayBufferWriter<byte> _raw = new(4096);
    private Compressor _compressor;
    private byte[] _output = new byte[4096];
    private int _currentId;
    private int _nextId;
    private long _sinceTrained;
    private List<byte[]>? _samples;
    private int _sampleBytes;
    private Task<byte[]?>? _training;

    /// <summary>Starts with the dictionaries already stored (id → bytes); the highest id is the current one.</summary>
    public DocumentPayloadCodec(IEnumerable<KeyValuePair<int, byte[]>> stored, ILogger logger)
    {
        _logger = logger;
        foreach (var (id, dictionary) in stored)
        {
            _dictionaries[id] = dictionary;
            _currentId = Math.Max(_currentId, id);
        }

        _nextId = _currentId + 1;
        _compressor = new Compressor(CompressionLevel);
        if (_currentId != NoDictionary)
        {
            _compressor.LoadDictionary(_dictionaries[_currentId]);
        }
        else
        {
            _samples = new List<byte[]>(SampleCount);
        }
    }

    /// <summary>The dictionary new rows are compressed with.</summary>
    public int CurrentDictionaryId => _currentId;

    /// <summary>
    /// Compresses <paramref name="meta"/> and <paramref name="document"/> into one frame: the meta length (4 bytes, little endian),
    /// the meta bytes, then the document. The returned span is valid until the next call.
    /// </summary>
    public Span<byte> Encode(ReadOnlySpan<byte> meta, ReadOnlySpan<byte> document, out int dictionaryId)
    {
        _raw.ResetWrittenCount();
        BinaryPrimitives.WriteInt32LittleEndian(_raw.GetSpan(sizeof(int)), meta.Length);
        _raw.Advance(sizeof(int));
        _raw.Write(meta);
        _raw.Write(document);
        var raw = _raw.WrittenSpan;
        Sample(raw);

        var bound = Compressor.GetCompressBound(raw.Length);
        if (_output.Length < bound)
        {
            _output = new byte[Math.Max(bound, _output.Length * 2)];
        }

        var written = _compressor.Wrap(raw, _output);
        dictionaryId = _currentId;
        return _output.AsSpan(0, written);
    }

    /// <summary>A dictionary trained since the last call, ready to be stored and then <see cref="Activate"/>d; null when none.</summary>
    public (int Id, byte[] Dictionary)? TakeTrainedDictionary()
    {
        if (_training is not { IsCompleted: true } training)
        {
            return null;
        }

        _training = null;
        var dictionary = training.IsCompletedSuccessfully ? training.Result : null;
        return dictionary is null ? null : (_nextId++, dictionary);
    }

    /// <summary>Compresses new rows with dictionary <paramref name="id"/>, which the store has persisted.</summary>
    public void Activate(int id, byte[] dictionary)
    {
        _dictionaries[id] = dictionary;
        var compressor = new Compressor(CompressionLevel);
        compressor.LoadDictionary(dictionary);
        _compressor.Dispose();
        _compressor = compressor;
        _currentId = id;
        _sinceTrained = 0;
    }

    /// <summary>
    /// Decompresses a payload written by <see cref="Encode"/>; the metadata is <c>[metaStart, metaStart + metaLength)</c>
    /// of the returned array and the document is the rest.
    /// </summary>
    public byte[] Decode(int dictionaryId, ReadOnlySpan<byte> payload, out int metaStart, out int metaLength)
    {
        var size = Decompressor.GetDecompressedSize(payload);
        if (size == 0 || size > int.MaxValue)
        {
            throw new InvalidDataException($"A stored document payload has no valid content size ({size}).");
        }

        var raw = new byte[(int)size];
        var pool = _decompressors.GetOrAdd(dictionaryId, static _ => []);
        if (!pool.TryTake(out var decompressor))
        {
            decompressor = new Decompressor();
            if (dictionaryId != NoDictionary)
            {
                if (!_dictionaries.TryGetValue(dictionaryId, out var dictionary))
                {
                    decompressor.Dispose();
                    throw new InvalidDataException($"A stored document names compression dictionary {dictionaryId}, which the store does not have.");
                }

                decompressor.LoadDictionary(dictionary);
            }
        }

        try
        {
            if (decompressor.Unwrap(payload, raw) != raw.Length)
            {
                throw new InvalidDataException("A stored document payload decompressed to fewer bytes than its header says.");
            }
        }
        finally
        {
            pool.Add(decompressor);
        }

        metaStart = sizeof(int);
        metaLength = BinaryPrimitives.ReadInt32LittleEndian(raw);
        if ((uint)metaLength > (uint)(raw.Length - metaStart))
        {
            throw new InvalidDataException("A stored document payload names more metadata than it holds.");
        }

        return raw;
    }

    public void Dispose()
    {
        _compressor.Dispose();
        foreach (var pool in _decompressors.Values)
        {
            while (pool.TryTake(out var decompressor))
            {
                decompressor.Dispose();
            }
        }
    }

    private void Sample(ReadOnlySpan<byte> raw)
    {
        if (_samples is null)
        {
            if (++_sinceTrained >= RetrainAfterDocuments && _training is null)
            {
                _samples = new List<byte[]>(SampleCount);
                _sinceTrained = 0;
            }

            return;
        }

        // A prefix is enough to learn the shared structure, and bounds the memory big documents could take.
        var sample = raw[..Math.Min(raw.Length, MaxBytesPerSample)].ToArray();
        _samples.Add(sample);
        _sampleBytes += sample.Length;
        if (_samples.Count < SampleCount && _sampleBytes < MaxSampleBytes)
        {
            return;
        }

        var samples = _samples;
        _samples = null;
        _sampleBytes = 0;
        _training = Task.Run(() => Train(samples));
    }

    private byte[]? Train(List<byte[]> samples)
    {
        try
        {
            return DictBuilder.TrainFromBuffer(samples, DictionaryCapacity).ToArray();
        }
        catch (ZstdException ex)
        {
            // Too few or too uniform samples: keep the current dictionary and try again after the next interval.
            Log.DictionaryTrainingFailed(_logger, samples.Count, ex);
            return null;
        }
    }
}
