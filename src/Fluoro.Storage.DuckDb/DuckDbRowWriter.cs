using System.Buffers;
using System.Runtime.InteropServices;
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
            .AppendValue(record.TraceId)
            .AppendValue(record.Id)
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

    /// <summary>The record's metadata (<see cref="SegmentMetaCodec"/>) and its document bytes as received; DuckDB copies both.</summary>
    public static void AppendDocument(DuckDBAppender appender, TraceKey key, long seq, SegmentRecord record, ArrayBufferWriter<byte> metaBuffer)
    {
        SegmentMetaCodec.Write(metaBuffer, record);
        appender.CreateRow()
            .AppendValue(key.Epoch)
            .AppendValue(key.Key)
            .AppendValue(seq)
            .AppendValue(MemoryMarshal.AsMemory(metaBuffer.WrittenMemory).Span)
            .AppendValue(MemoryMarshal.AsMemory(record.Document).Span)
            .EndRow();
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
                .AppendValue(record.TraceId)
                .AppendValue(record.Id)
                .AppendValue(seq)
                .AppendValue(record.ReceivedTime)
                .AppendValue(annotation.Key)
                .AppendValue(annotation.StringValue)
                .AppendValue(annotation.NumberValue)
                .AppendValue(annotation.BooleanValue)
                .EndRow();
        }
    }
}
