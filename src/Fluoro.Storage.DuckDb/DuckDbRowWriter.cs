using System.Buffers;
using DuckDB.NET.Data;

namespace Fluoro.Storage.DuckDb;

/// <summary>Appends records positionally, in the column order of <see cref="DuckDbSchema"/>.</summary>
internal static class DuckDbRowWriter
{
    public static void AppendSegment(DuckDBAppender appender, TraceKey key, long seq, SegmentRecord record)
    {
        var index = record.Index ?? SegmentIndexFields.Empty;
        var row = appender.CreateRow();
        row.AppendValue(key.Key)
            .AppendValue(key.Epoch)
            .AppendValue(key.Uid)
            .AppendValue(record.TraceId)
            .AppendValue(record.Id)
            .AppendValue(TraceKey.IdKey(record.Id))
            .AppendValue(seq)
            .AppendValue(record.ReceivedTime)
            .AppendValue(record.ParentId)
            .AppendValue(record.IsSubsegment)
            .AppendValue(record.Name)
            .AppendValue(record.Origin)
            .AppendValue(record.StartTime)
            .AppendValue(record.EndTime)
            .AppendValue(record.InProgress)
            .AppendValue(index.HasFault)
            .AppendValue(index.HasError)
            .AppendValue(index.HasThrottle)
            .AppendValue(index.Fault)
            .AppendValue(index.Error)
            .AppendValue(index.Throttle)
            .AppendValue(index.HttpStatus)
            .AppendValue(index.HttpMethod)
            .AppendValue(index.HttpUrl)
            .AppendValue(index.HttpUserAgent)
            .AppendValue(index.HttpClientIp)
            .AppendValue(index.User)
            .AppendValue(index.ResourceArn)
            .AppendValue(index.AccountId)
            .AppendValue(index.InstanceId)
            .AppendValue(index.AvailabilityZone)
            .EndRow();
    }

    /// <summary>The record's metadata (<see cref="SegmentMetaCodec"/>) and its document as received, in one compressed frame; DuckDB copies it.</summary>
    public static void AppendDocument(DuckDBAppender appender, TraceKey key, long seq, SegmentRecord record, ArrayBufferWriter<byte> metaBuffer, DocumentPayloadCodec codec)
    {
        SegmentMetaCodec.Write(metaBuffer, record);
        var payload = codec.Encode(metaBuffer.WrittenSpan, record.Document.Span, out var dictionaryId);
        appender.CreateRow()
            .AppendValue(key.Epoch)
            .AppendValue(key.Key)
            .AppendValue(seq)
            .AppendValue(dictionaryId)
            .AppendValue(payload)
            .EndRow();
    }

    public static void AppendDownstreamNames(DuckDBAppender appender, TraceKey key, long seq, SegmentRecord record)
    {
        var names = record.Index?.DownstreamNames;
        if (names is null)
        {
            return;
        }

        foreach (var name in names)
        {
            appender.CreateRow()
                .AppendValue(key.Key)
                .AppendValue(key.Epoch)
                .AppendValue(seq)
                .AppendValue(name)
                .EndRow();
        }
    }

    public static void AppendAnnotations(DuckDBAppender appender, TraceKey key, long seq, SegmentRecord record)
    {
        var annotations = record.Index?.Annotations;
        if (annotations is null)
        {
            return;
        }

        foreach (var annotation in annotations)
        {
            appender.CreateRow()
                .AppendValue(key.Key)
                .AppendValue(key.Epoch)
                .AppendValue(seq)
                .AppendValue(annotation.Key)
                .AppendValue(annotation.StringValue)
                .AppendValue(annotation.NumberValue)
                .AppendValue(annotation.BooleanValue)
                .EndRow();
        }
    }
}
