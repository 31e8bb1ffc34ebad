using System.Text;
using FsCheck.Xunit;
using Fluoro.Tracing;

namespace Fluoro.Tracing.Tests;

public sealed class ReaderPropertyTests
{
    private const string Valid = """{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"annotations":{"k":1},"subsegments":[{"id":"146a1ee458beef5d","name":"x","start_time":1,"end_time":2}]}""";

    [Property(MaxTest = 500)]
    public void Reader_never_throws_on_arbitrary_bytes(byte[]? bytes)
    {
        var result = SegmentDocumentReader.Read(bytes ?? []);
        Assert.True(result.IsValid || result.Error is not null);
        _ = SegmentDocumentReader.Split(bytes ?? []);
    }

    [Property(MaxTest = 500)]
    public void Reader_never_throws_on_arbitrary_strings(string? text)
    {
        var result = SegmentDocumentReader.Read(Encoding.UTF8.GetBytes(text ?? string.Empty));
        Assert.True(result.IsValid || result.Error is not null);
    }

    [Property(MaxTest = 500)]
    public void Reader_never_throws_on_mutations_of_a_valid_document(int position, byte value, bool truncate)
    {
        var bytes = Encoding.UTF8.GetBytes(Valid);
        var at = (int)((uint)position % (uint)bytes.Length);
        if (truncate)
        {
            bytes = bytes[..at];
        }
        else
        {
            bytes[at] = value;
        }

        var result = SegmentDocumentReader.Read(bytes);
        Assert.True(result.IsValid || result.Error is not null);
    }
}
