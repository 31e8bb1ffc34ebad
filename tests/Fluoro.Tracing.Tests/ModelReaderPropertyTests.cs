using FsCheck.Xunit;
using Fluoro.Tracing;
using Fluoro.Tracing.Documents;

namespace Fluoro.Tracing.Tests;

public sealed class ModelReaderPropertyTests
{
    private static string NameFrom(string? raw)
    {
        var kept = new string((raw ?? string.Empty).Where(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '.' or ':' or '/' or '-' or '@').Take(200).ToArray());
        return kept.Trim().Length == 0 ? "svc" : kept;
    }

    [Property(MaxTest = 300)]
    public bool Documents_written_with_the_model_are_accepted_with_the_same_fields(
        string? rawName, uint epoch, ulong id, ulong subId, uint startMillis, ushort durationMillis, bool fault, bool inProgress, string? user, int annotation, bool standalone)
    {
        var traceId = TraceId.TryFromW3C($"{epoch:x8}{id:x16}{~epoch:x8}", out var t) ? t.ToString() : throw new InvalidOperationException();
        var start = 1_500_000_000 + (startMillis / 1000.0);
        var name = NameFrom(rawName);
        byte[] bytes;
        if (standalone)
        {
            bytes = SegmentDocumentSerializer.Serialize(new Subsegment
            {
                Type = "subsegment",
                TraceId = traceId,
                ParentId = new SegmentId(id | 1).ToString(),
                Id = new SegmentId(subId | 1).ToString(),
                Name = name,
                StartTime = start,
                EndTime = inProgress ? null : start + (durationMillis / 1000.0),
                InProgress = inProgress ? true : null,
                Fault = fault,
                Annotations = new() { ["n"] = annotation },
            });
        }
        else
        {
            bytes = SegmentDocumentSerializer.Serialize(new Segment
            {
                TraceId = traceId,
                Id = new SegmentId(id | 1).ToString(),
                Name = name,
                StartTime = start,
                EndTime = inProgress ? null : start + (durationMillis / 1000.0),
                InProgress = inProgress ? true : null,
                User = user,
                Subsegments = [new Subsegment { Id = new SegmentId(subId | 1).ToString(), Name = "child", StartTime = start, EndTime = start, Fault = fault, Annotations = new() { ["n"] = annotation } }],
            });
        }

        var read = SegmentDocumentReader.Read(bytes);
        return read.IsValid
            && read.Fields.TraceId == traceId
            && read.Fields.Name == name
            && read.Fields.StartTime == start
            && read.Fields.InProgress == inProgress
            && read.Fields.IsSubsegment == standalone
            && read.Fields.HasFault == fault
            && (standalone || read.Fields.User == user)
            && read.Fields.Annotations.Single().NumberValue == annotation;
    }
}
