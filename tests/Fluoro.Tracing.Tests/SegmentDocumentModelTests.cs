using System.Text;
using System.Text.Json.Nodes;
using Fluoro.Tracing;
using Fluoro.Tracing.Documents;

namespace Fluoro.Tracing.Tests;

public sealed class SegmentDocumentModelTests
{
    [Fact]
    public void Written_segment_uses_snake_case_omits_nulls_and_passes_validation()
    {
        var segment = new Segment
        {
            Id = "6b55dcc497934f1a",
            TraceId = "1-5880168b-fd5158284b67678a3bb5a78c",
            Name = "www.example.com",
            StartTime = 1484789387.126,
            EndTime = 1484789387.535,
            Origin = "AWS::EC2::Instance",
            ResourceArn = "arn:aws:ec2:us-west-2:123456789012:instance/i-1",
            Http = new HttpData
            {
                Request = new HttpRequestData { Method = "POST", Url = "http://www.example.com/api/user", ClientIp = "78.255.233.48", XForwardedFor = true },
                Response = new HttpResponseData { Status = 500, ContentLength = 12 },
            },
            Aws = new AwsData { Ec2 = new Ec2Data { InstanceId = "i-1", AvailabilityZone = "us-west-2c" }, Xray = new XRaySdkData { Sdk = "Fluoro", SdkVersion = "0.1.0" } },
            Fault = true,
            Cause = new Cause
            {
                WorkingDirectory = "/app",
                Exceptions = [new ExceptionDetail { Id = "f1e2d3c4b5a69788", Type = "InvalidOperationException", Message = "boom", Stack = [new StackFrameData { Path = "A.cs", Line = 3, Label = "A.B" }] }],
            },
            Annotations = new() { ["customer"] = "acme", ["retries"] = 2, ["ok"] = true },
            Metadata = new() { ["default"] = new() { ["rows"] = new JsonArray(1, 2) } },
            Subsegments =
            [
                new Subsegment
                {
                    Id = "0f910026178b71eb",
                    Name = "DynamoDB",
                    Namespace = "aws",
                    StartTime = 1484789387.502,
                    EndTime = 1484789387.534,
                    Aws = new AwsData { TableName = "scorekeep-user", Operation = "UpdateItem" },
                    Cause = Cause.Reference("f1e2d3c4b5a69788"),
                },
            ],
        };

        var bytes = SegmentDocumentSerializer.Serialize(segment);
        var json = JsonNode.Parse(bytes)!.AsObject();
        Assert.Equal("1-5880168b-fd5158284b67678a3bb5a78c", (string?)json["trace_id"]);
        Assert.Equal(true, (bool?)json["http"]!["request"]!["x_forwarded_for"]);
        Assert.Equal(12, (long?)json["http"]!["response"]!["content_length"]);
        Assert.Equal("scorekeep-user", (string?)json["subsegments"]![0]!["aws"]!["table_name"]);
        Assert.Equal("f1e2d3c4b5a69788", (string?)json["subsegments"]![0]!["cause"]);
        Assert.Equal("/app", (string?)json["cause"]!["working_directory"]);
        Assert.Equal(2, (double?)json["annotations"]!["retries"]);
        Assert.False(json.ContainsKey("parent_id"));
        Assert.False(json.ContainsKey("in_progress"));

        var read = SegmentDocumentReader.Read(bytes);
        Assert.True(read.IsValid, read.Error?.Message);
        Assert.Equal(3, read.Fields.Annotations.Count);
        Assert.Equal("i-1", read.Fields.InstanceId);
    }

    [Fact]
    public void Reading_then_writing_keeps_unknown_fields_and_both_cause_forms()
    {
        var source = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "full-segment.json"));
        var segment = SegmentDocumentSerializer.DeserializeSegment(source)!;
        Assert.Equal("www.example.com", segment.Name);
        Assert.Equal("a1b2c3d4e5f60718", segment.Subsegments![1].Cause!.ExceptionId);
        Assert.Equal("InternalServerError", segment.Subsegments[1].Subsegments![0].Cause!.Exceptions![0].Type);
        Assert.Equal(-1, segment.Subsegments[0].Http!.Response!.ContentLength);
        Assert.Equal(124, segment.Annotations!["customer_category"].NumberValue);

        var again = JsonNode.Parse(SegmentDocumentSerializer.Serialize(segment))!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(source), again), again.ToJsonString());
    }

    [Fact]
    public void Content_length_sent_as_a_string_is_read()
    {
        var sub = SegmentDocumentSerializer.DeserializeSubsegment(Encoding.UTF8.GetBytes("""{"id":"0f910026178b71eb","name":"x","http":{"response":{"status":200,"content_length":"57"}}}"""))!;
        Assert.Equal(57, sub.Http!.Response!.ContentLength);
    }

    [Fact]
    public void Standalone_subsegment_is_written_with_type_trace_and_parent()
    {
        var sub = new Subsegment
        {
            Type = "subsegment",
            TraceId = "1-5759e988-bd862e3fe1be46a994272793",
            ParentId = "53995c3f42cd8ad8",
            Id = "d6251391a29c0742",
            Name = "db-call",
            StartTime = 1,
            InProgress = true,
        };
        var read = SegmentDocumentReader.Read(SegmentDocumentSerializer.Serialize(sub));
        Assert.True(read.IsValid, read.Error?.Message);
        Assert.True(read.Fields.IsSubsegment);
        Assert.True(read.Fields.InProgress);
    }
}
