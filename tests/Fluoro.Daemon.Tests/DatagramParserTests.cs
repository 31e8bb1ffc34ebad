using System.Text;

namespace Fluoro.Daemon.Tests;

public sealed class DatagramParserTests
{
    private const string Body = """{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","id":"53995c3f42cd8ad8","name":"a","start_time":1,"end_time":2}""";

    [Theory]
    [InlineData("{\"format\":\"json\",\"version\":1}")]
    [InlineData("{\"format\": \"json\", \"version\": 1}")]
    [InlineData("{ \"version\" : 1 , \"format\" : \"JSON\" }")]
    [InlineData("{\"format\":\"Json\",\"version\":1,\"extra\":{\"x\":[1,2]}}")]
    [InlineData("{\"format\":\"json\",\"version\":1}\r")]
    public void Parse_HeaderSpacingAndCaseVariants_AreValid(string header)
    {
        var datagram = Encoding.UTF8.GetBytes(header + "\n" + Body);

        var status = DatagramParser.Parse(datagram, 65536, out var body);

        Assert.Equal(DatagramStatus.Valid, status);
        Assert.Equal(Body, Encoding.UTF8.GetString(datagram.AsSpan()[body]));
    }

    [Theory]
    [InlineData("{\"format\":\"json\",\"version\":2}")]
    [InlineData("{\"format\":\"xml\",\"version\":1}")]
    [InlineData("{\"format\":\"json\"}")]
    [InlineData("{\"version\":1}")]
    [InlineData("{\"format\":\"json\",\"version\":\"1\"}")]
    [InlineData("format=json version=1")]
    [InlineData("{\"format\":\"json\",\"version\":1} trailing")]
    [InlineData("[\"json\",1]")]
    [InlineData("")]
    public void Parse_BadHeaders_AreRejected(string header)
    {
        var datagram = Encoding.UTF8.GetBytes(header + "\n" + Body);

        Assert.Equal(DatagramStatus.InvalidHeader, DatagramParser.Parse(datagram, 65536, out _));
    }

    [Fact]
    public void Parse_NoNewline_IsMissingHeader()
    {
        Assert.Equal(DatagramStatus.MissingHeader, DatagramParser.Parse(Encoding.UTF8.GetBytes(Body), 65536, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\r\n")]
    public void Parse_EmptyBody_IsRejected(string body)
    {
        var datagram = Encoding.UTF8.GetBytes("{\"format\":\"json\",\"version\":1}\n" + body);

        Assert.Equal(DatagramStatus.EmptyBody, DatagramParser.Parse(datagram, 65536, out _));
    }

    [Fact]
    public void Parse_PrettyPrintedBody_SplitsAtFirstNewlineOnly()
    {
        var pretty = "{\n  \"trace_id\": \"1-5759e988-bd862e3fe1be46a994272793\",\n  \"id\": \"53995c3f42cd8ad8\"\n}";
        var datagram = Encoding.UTF8.GetBytes("{\"format\":\"json\",\"version\":1}\n" + pretty + "\n");

        Assert.Equal(DatagramStatus.Valid, DatagramParser.Parse(datagram, 65536, out var body));
        Assert.Equal(pretty, Encoding.UTF8.GetString(datagram.AsSpan()[body]));
    }

    [Fact]
    public void Parse_Oversize_IsTooLarge()
    {
        var datagram = Encoding.UTF8.GetBytes("{\"format\":\"json\",\"version\":1}\n" + new string('x', 200));

        Assert.Equal(DatagramStatus.TooLarge, DatagramParser.Parse(datagram, 100, out _));
    }

    [Fact]
    public void Parse_ArbitraryBytes_NeverThrows()
    {
        var random = new Random(674386);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 4)
            {
                bytes[random.Next(bytes.Length)] = (byte)'\n';
            }

            _ = DatagramParser.Parse(bytes, 65536, out _);
        }
    }
}
