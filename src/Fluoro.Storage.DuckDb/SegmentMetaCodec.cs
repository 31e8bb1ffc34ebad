using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Fluoro.Storage.DuckDb;

/// <summary>
/// Everything of a <see cref="SegmentRecord"/> except the document, in a compact binary form kept next to the
/// document in <c>segment_documents.meta</c>, so that fetching a trace reads one narrow table and decodes none
/// of the wide index columns. Layout (version 1): a version byte, a flags word, the three times, then each
/// optional value only when its presence bit is set; strings are a 7-bit-encoded UTF-8 length and the bytes.
/// </summary>
internal static class SegmentMetaCodec
{
    private const byte Version = 1;

    [Flags]
    private enum MetaFlags : uint
    {
        None = 0,
        IsSubsegment = 1 << 0,
        InProgress = 1 << 1,
        HasFault = 1 << 2,
        HasError = 1 << 3,
        HasThrottle = 1 << 4,
        Fault = 1 << 5,
        Error = 1 << 6,
        Throttle = 1 << 7,
        ParentId = 1 << 8,
        Origin = 1 << 9,
        EndTime = 1 << 10,
        HttpStatus = 1 << 11,
        HttpMethod = 1 << 12,
        HttpUrl = 1 << 13,
        HttpUserAgent = 1 << 14,
        HttpClientIp = 1 << 15,
        User = 1 << 16,
        ResourceArn = 1 << 17,
        AccountId = 1 << 18,
        InstanceId = 1 << 19,
        AvailabilityZone = 1 << 20,
        Annotations = 1 << 21,
        DownstreamNames = 1 << 22,
    }

    private enum AnnotationKind : byte
    {
        None = 0,
        String = 1,
        Number = 2,
        Boolean = 3,
    }

    /// <summary>Writes <paramref name="record"/>'s metadata into <paramref name="output"/> (cleared first).</summary>
    public static void Write(ArrayBufferWriter<byte> output, SegmentRecord record)
    {
        output.ResetWrittenCount();
        var index = record.Index ?? SegmentIndexFields.Empty;
        var flags = MetaFlags.None;
        flags |= record.IsSubsegment ? MetaFlags.IsSubsegment : 0;
        flags |= record.InProgress ? MetaFlags.InProgress : 0;
        flags |= index.HasFault ? MetaFlags.HasFault : 0;
        flags |= index.HasError ? MetaFlags.HasError : 0;
        flags |= index.HasThrottle ? MetaFlags.HasThrottle : 0;
        flags |= index.Fault ? MetaFlags.Fault : 0;
        flags |= index.Error ? MetaFlags.Error : 0;
        flags |= index.Throttle ? MetaFlags.Throttle : 0;
        flags |= record.ParentId is not null ? MetaFlags.ParentId : 0;
        flags |= record.Origin is not null ? MetaFlags.Origin : 0;
        flags |= record.EndTime is not null ? MetaFlags.EndTime : 0;
        flags |= index.HttpStatus is not null ? MetaFlags.HttpStatus : 0;
        flags |= index.HttpMethod is not null ? MetaFlags.HttpMethod : 0;
        flags |= index.HttpUrl is not null ? MetaFlags.HttpUrl : 0;
        flags |= index.HttpUserAgent is not null ? MetaFlags.HttpUserAgent : 0;
        flags |= index.HttpClientIp is not null ? MetaFlags.HttpClientIp : 0;
        flags |= index.User is not null ? MetaFlags.User : 0;
        flags |= index.ResourceArn is not null ? MetaFlags.ResourceArn : 0;
        flags |= index.AccountId is not null ? MetaFlags.AccountId : 0;
        flags |= index.InstanceId is not null ? MetaFlags.InstanceId : 0;
        flags |= index.AvailabilityZone is not null ? MetaFlags.AvailabilityZone : 0;
        flags |= index.Annotations.Count > 0 ? MetaFlags.Annotations : 0;
        flags |= index.DownstreamNames.Count > 0 ? MetaFlags.DownstreamNames : 0;

        WriteByte(output, Version);
        WriteVarUInt(output, (uint)flags);
        WriteDouble(output, record.ReceivedTime);
        WriteDouble(output, record.StartTime);
        if (record.EndTime is { } end)
        {
            WriteDouble(output, end);
        }

        WriteString(output, record.TraceId);
        WriteString(output, record.Id);
        WriteString(output, record.Name);
        WriteOptional(output, record.ParentId);
        WriteOptional(output, record.Origin);
        if (index.HttpStatus is { } status)
        {
            WriteVarUInt(output, unchecked((uint)status));
        }

        WriteOptional(output, index.HttpMethod);
        WriteOptional(output, index.HttpUrl);
        WriteOptional(output, index.HttpUserAgent);
        WriteOptional(output, index.HttpClientIp);
        WriteOptional(output, index.User);
        WriteOptional(output, index.ResourceArn);
        WriteOptional(output, index.AccountId);
        WriteOptional(output, index.InstanceId);
        WriteOptional(output, index.AvailabilityZone);
        if (index.DownstreamNames.Count > 0)
        {
            WriteVarUInt(output, (uint)index.DownstreamNames.Count);
            foreach (var name in index.DownstreamNames)
            {
                WriteString(output, name);
            }
        }

        if (index.Annotations.Count == 0)
        {
            return;
        }

        WriteVarUInt(output, (uint)index.Annotations.Count);
        foreach (var annotation in index.Annotations)
        {
            WriteString(output, annotation.Key);
            if (annotation.StringValue is { } text)
            {
                WriteByte(output, (byte)AnnotationKind.String);
                WriteString(output, text);
            }
            else if (annotation.NumberValue is { } number)
            {
                WriteByte(output, (byte)AnnotationKind.Number);
                WriteDouble(output, number);
            }
            else if (annotation.BooleanValue is { } boolean)
            {
                WriteByte(output, (byte)AnnotationKind.Boolean);
                WriteByte(output, boolean ? (byte)1 : (byte)0);
            }
            else
            {
                WriteByte(output, (byte)AnnotationKind.None);
            }
        }
    }

    /// <summary>Reads the trace id only (to check a row belongs to the requested trace before decoding the rest).</summary>
    public static string ReadTraceId(ReadOnlySpan<byte> meta)
    {
        var reader = new Reader(meta);
        reader.ExpectVersion();
        var flags = (MetaFlags)reader.VarUInt();
        reader.Skip(flags.HasFlag(MetaFlags.EndTime) ? 24 : 16);
        return reader.String();
    }

    /// <summary>Rebuilds the record around <paramref name="document"/>; throws <see cref="InvalidDataException"/> on a damaged value.</summary>
    public static SegmentRecord Read(ReadOnlySpan<byte> meta, ReadOnlyMemory<byte> document)
    {
        var reader = new Reader(meta);
        reader.ExpectVersion();
        var flags = (MetaFlags)reader.VarUInt();
        var received = reader.Double();
        var start = reader.Double();
        double? end = flags.HasFlag(MetaFlags.EndTime) ? reader.Double() : null;
        var traceId = reader.String();
        var id = reader.String();
        var name = reader.String();
        var parentId = reader.Optional(flags, MetaFlags.ParentId);
        var origin = reader.Optional(flags, MetaFlags.Origin);
        int? status = flags.HasFlag(MetaFlags.HttpStatus) ? unchecked((int)reader.VarUInt()) : null;
        var index = new SegmentIndexFields
        {
            HasFault = flags.HasFlag(MetaFlags.HasFault),
            HasError = flags.HasFlag(MetaFlags.HasError),
            HasThrottle = flags.HasFlag(MetaFlags.HasThrottle),
            Fault = flags.HasFlag(MetaFlags.Fault),
            Error = flags.HasFlag(MetaFlags.Error),
            Throttle = flags.HasFlag(MetaFlags.Throttle),
            HttpStatus = status,
            HttpMethod = reader.Optional(flags, MetaFlags.HttpMethod),
            HttpUrl = reader.Optional(flags, MetaFlags.HttpUrl),
            HttpUserAgent = reader.Optional(flags, MetaFlags.HttpUserAgent),
            HttpClientIp = reader.Optional(flags, MetaFlags.HttpClientIp),
            User = reader.Optional(flags, MetaFlags.User),
            ResourceArn = reader.Optional(flags, MetaFlags.ResourceArn),
            AccountId = reader.Optional(flags, MetaFlags.AccountId),
            InstanceId = reader.Optional(flags, MetaFlags.InstanceId),
            AvailabilityZone = reader.Optional(flags, MetaFlags.AvailabilityZone),
            DownstreamNames = flags.HasFlag(MetaFlags.DownstreamNames) ? ReadNames(ref reader) : [],
            Annotations = flags.HasFlag(MetaFlags.Annotations) ? ReadAnnotations(ref reader) : [],
        };

        return new SegmentRecord
        {
            TraceId = traceId,
            Id = id,
            ParentId = parentId,
            IsSubsegment = flags.HasFlag(MetaFlags.IsSubsegment),
            Name = name,
            Origin = origin,
            StartTime = start,
            EndTime = end,
            InProgress = flags.HasFlag(MetaFlags.InProgress),
            ReceivedTime = received,
            Index = index,
            Document = document,
        };
    }

    private static string[] ReadNames(ref Reader reader)
    {
        var count = reader.VarUInt();
        if (count > 4096)
        {
            throw new InvalidDataException($"Stored metadata lists {count} downstream names.");
        }

        var names = new string[count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.String();
        }

        return names;
    }

    private static AnnotationValue[] ReadAnnotations(ref Reader reader)
    {
        var count = (int)reader.VarUInt();
        if (count > 10_000)
        {
            throw new InvalidDataException("Damaged segment metadata: annotation count.");
        }

        var annotations = new AnnotationValue[count];
        for (var i = 0; i < count; i++)
        {
            var key = reader.String();
            annotations[i] = (AnnotationKind)reader.Byte() switch
            {
                AnnotationKind.String => new AnnotationValue(key, reader.String(), null, null),
                AnnotationKind.Number => new AnnotationValue(key, null, reader.Double(), null),
                AnnotationKind.Boolean => new AnnotationValue(key, null, null, reader.Byte() != 0),
                AnnotationKind.None => new AnnotationValue(key, null, null, null),
                _ => throw new InvalidDataException("Damaged segment metadata: annotation kind."),
            };
        }

        return annotations;
    }

    private static void WriteByte(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteDouble(ArrayBufferWriter<byte> output, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void WriteVarUInt(ArrayBufferWriter<byte> output, uint value)
    {
        var span = output.GetSpan(5);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt(output, (uint)length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    private static void WriteOptional(ArrayBufferWriter<byte> output, string? value)
    {
        if (value is not null)
        {
            WriteString(output, value);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public void ExpectVersion()
        {
            if (Byte() != Version)
            {
                throw new InvalidDataException("Segment metadata of an unknown version.");
            }
        }

        public byte Byte()
        {
            Need(1);
            return _data[_position++];
        }

        public void Skip(int count)
        {
            Need(count);
            _position += count;
        }

        public double Double()
        {
            Need(8);
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_position..]);
            _position += 8;
            return value;
        }

        public uint VarUInt()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("Damaged segment metadata: integer.");
        }

        public string String()
        {
            var length = (int)VarUInt();
            Need(length);
            var value = Encoding.UTF8.GetString(_data.Slice(_position, length));
            _position += length;
            return value;
        }

        public string? Optional(MetaFlags flags, MetaFlags flag) => (flags & flag) != 0 ? String() : null;

        private readonly void Need(int count)
        {
            if (count < 0 || _position + count > _data.Length)
            {
                throw new InvalidDataException("Damaged segment metadata: truncated.");
            }
        }
    }
}
