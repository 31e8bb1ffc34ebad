using Fluoro.Tracing;

namespace Fluoro.Tracing.Tests;

public sealed class TraceHeaderTests
{
    [Theory]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", SamplingDecision.Sampled)]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0", SamplingDecision.NotSampled)]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=?", SamplingDecision.Requested)]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793", SamplingDecision.Unknown)]
    public void Sampled_values_parse_and_round_trip(string value, SamplingDecision expected)
    {
        Assert.True(TraceHeader.TryParse(value, out var header));
        Assert.Equal(expected, header.Sampled);
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", header.Root.ToString());
        Assert.Equal(value, header.ToString());
    }

    [Fact]
    public void Root_parent_and_lineage_round_trip()
    {
        const string value = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5|c512fbe3:2";
        Assert.True(TraceHeader.TryParse(value, out var header));
        Assert.Equal(SegmentId.Parse("53995c3f42cd8ad8"), header.Parent);
        Assert.Equal("a87bd80c:1|68fd508a:5|c512fbe3:2", header.Lineage);
        Assert.Equal(value, header.ToString());
    }

    [Fact]
    public void Self_and_unknown_keys_are_kept_in_order()
    {
        const string value = "Self=1-67891233-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678;CalledFrom=app";
        Assert.True(TraceHeader.TryParse(value, out var header));
        Assert.Equal("1-67891233-12456789abcdef012345678", header.Self);
        Assert.Equal([new KeyValuePair<string, string>("CalledFrom", "app")], header.Additional);
        Assert.Equal(value, header.ToString());
    }

    [Fact]
    public void Whitespace_around_fields_is_ignored()
    {
        Assert.True(TraceHeader.TryParse(" Root=1-5759e988-bd862e3fe1be46a994272793 ; Parent=53995c3f42cd8ad8 ;Sampled=1 ", out var header));
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", header.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279")]
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz")]
    [InlineData("Sampled=1")]
    [InlineData("garbage")]
    public void Malformed_headers_are_refused(string? value)
    {
        Assert.False(TraceHeader.TryParse(value, out _));
    }
}
