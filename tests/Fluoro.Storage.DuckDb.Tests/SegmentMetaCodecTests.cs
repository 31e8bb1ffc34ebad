using System.Buffers;
using Fluoro.Storage.ContractTests;

namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>The compact metadata kept next to each document: every field survives, damage is reported, never misread.</summary>
public sealed class SegmentMetaCodecTests
{
    [Fact]
    public void Every_field_and_annotation_kind_round_trips()
    {
        var record = SegmentFixtures.Segment(SegmentFixtures.NewTraceId(), parentId: "53995c3f42cd8ad8", isSubsegment: true, httpStatus: 429, user: "ünïcode-user") with
        {
            InProgress = true,
            EndTime = null,
            Index = new SegmentIndexFields
            {
                HasFault = true, HasError = true, HasThrottle = true, Fault = true, Error = false, Throttle = true,
                HttpStatus = 429, HttpMethod = "POST", HttpUrl = "https://x.example/a?b=c", HttpUserAgent = "ua", HttpClientIp = "10.0.0.1",
                User = "ünïcode-user", ResourceArn = "arn:aws:lambda:us-east-1:123456789012:function:f", AccountId = "123456789012",
                InstanceId = "i-0123", AvailabilityZone = "us-east-1a",
                Annotations =
                [
                    new AnnotationValue("s", "text", null, null),
                    new AnnotationValue("n", null, -1.5e300, null),
                    new AnnotationValue("b", null, null, false),
                    new AnnotationValue("none", null, null, null),
                ],
            },
        };
        var buffer = new ArrayBufferWriter<byte>();

        SegmentMetaCodec.Write(buffer, record);
        var read = SegmentMetaCodec.Read(buffer.WrittenSpan, record.Document);

        RecordAssert.Same(record, read);
        Assert.Equal(record.TraceId, SegmentMetaCodec.ReadTraceId(buffer.WrittenSpan));
    }

    [Fact]
    public void A_record_with_no_optional_fields_round_trips()
    {
        var record = new SegmentRecord { TraceId = "x", Id = "y", Name = "n", Document = new byte[] { 1 } };
        var buffer = new ArrayBufferWriter<byte>();

        SegmentMetaCodec.Write(buffer, record);

        RecordAssert.Same(record, SegmentMetaCodec.Read(buffer.WrittenSpan, record.Document));
    }

    [Fact]
    public void Truncated_metadata_is_reported_as_damaged()
    {
        var buffer = new ArrayBufferWriter<byte>();
        SegmentMetaCodec.Write(buffer, SegmentFixtures.Segment(SegmentFixtures.NewTraceId()));

        for (var length = 0; length < buffer.WrittenCount; length++)
        {
            var prefix = buffer.WrittenSpan[..length].ToArray();
            Assert.Throws<InvalidDataException>(() => SegmentMetaCodec.Read(prefix, ReadOnlyMemory<byte>.Empty));
        }
    }
}
