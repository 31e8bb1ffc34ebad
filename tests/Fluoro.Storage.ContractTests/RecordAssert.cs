namespace Fluoro.Storage.ContractTests;

/// <summary>Field-by-field equality for records (records hold memory and lists, which compare by reference).</summary>
public static class RecordAssert
{
    public static void Same(SegmentRecord expected, SegmentRecord actual)
    {
        Assert.Equal(expected.TraceId, actual.TraceId);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.ParentId, actual.ParentId);
        Assert.Equal(expected.IsSubsegment, actual.IsSubsegment);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Origin, actual.Origin);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.EndTime, actual.EndTime);
        Assert.Equal(expected.InProgress, actual.InProgress);
        Assert.Equal(expected.ReceivedTime, actual.ReceivedTime);
        Assert.Equal(expected.Document.ToArray(), actual.Document.ToArray());
        Assert.Equal(expected.Index with { Annotations = [] }, actual.Index with { Annotations = [] });
        Assert.Equal(expected.Index.Annotations, actual.Index.Annotations);
    }
}
