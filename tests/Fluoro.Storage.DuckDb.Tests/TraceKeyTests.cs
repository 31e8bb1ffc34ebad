namespace Fluoro.Storage.DuckDb.Tests;

/// <summary>The integer identity searches use instead of the trace id string, and its way back.</summary>
public sealed class TraceKeyTests
{
    [Theory]
    [InlineData("1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("1-00000000-000000000000000000000000")]
    [InlineData("1-7fffffff-ffffffffffffffffffffffff")]
    [InlineData("1-6b0a278c-8000000000000000ffffffff")]
    public void A_canonical_id_is_its_uid_written_out(string traceId)
    {
        var key = TraceKey.From(traceId);

        Assert.Equal(traceId, TraceKey.CanonicalId(key.Uid));
        Assert.Equal(0x5759e988L, TraceKey.From("1-5759e988-bd862e3fe1be46a994272793").Epoch);
    }

    [Theory]
    [InlineData("1-80000000-bd862e3fe1be46a994272793")]
    [InlineData("not-a-trace-id")]
    [InlineData("1-5759E988-BD862E3FE1BE46A994272793")]
    public void Other_ids_get_distinct_uids_that_are_never_taken_for_canonical_ones(string traceId)
    {
        var key = TraceKey.From(traceId);

        Assert.Null(TraceKey.CanonicalId(key.Uid));
        Assert.NotEqual(key.Uid, TraceKey.From(traceId + "0").Uid);
    }

    [Fact]
    public void Uids_order_like_the_ids_they_come_from()
    {
        string[] ids = ["1-5759e988-0000000000000000000000ff", "1-5759e988-00000000000000010000000f", "1-5759e989-00000000000000000000000a"];

        Assert.Equal(ids, ids.Reverse().OrderBy(id => TraceKey.From(id).Uid));
    }

    [Fact]
    public void Segment_ids_become_their_64_bit_value()
    {
        Assert.Equal(unchecked((long)0xfd5158284b67678aUL), TraceKey.IdKey("fd5158284b67678a"));
        Assert.NotEqual(TraceKey.IdKey("FD5158284B67678A"), TraceKey.IdKey("fd5158284b67678a"));
    }
}
