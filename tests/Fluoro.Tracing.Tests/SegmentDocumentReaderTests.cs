using System.Text;
using Fluoro.Tracing;

namespace Fluoro.Tracing.Tests;

public sealed class SegmentDocumentReaderTests
{
    private const string Trace = "1-5880168b-fd5158284b67678a3bb5a78c";

    private static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    private static SegmentReadResult Read(string json) => SegmentDocumentReader.Read(Encoding.UTF8.GetBytes(json));

    private static SegmentValidationError Rejected(string json)
    {
        var result = Read(json);
        Assert.False(result.IsValid, "expected the document to be rejected");
        return result.Error;
    }

    [Fact]
    public void Full_segment_example_is_read_with_tree_wide_flags_and_annotations()
    {
        var result = SegmentDocumentReader.Read(Golden("full-segment.json"));
        Assert.True(result.IsValid, result.Error?.Message);
        var f = result.Fields;
        Assert.Equal(Trace, f.TraceId);
        Assert.Equal("6b55dcc497934f1a", f.Id);
        Assert.Equal("www.example.com", f.Name);
        Assert.Equal("AWS::EC2::Instance", f.Origin);
        Assert.False(f.IsSubsegment);
        Assert.Null(f.ParentId);
        Assert.Equal(1484789387.126, f.StartTime);
        Assert.Equal(1484789387.535, f.EndTime);
        Assert.False(f.InProgress);
        Assert.True(f.Fault);
        Assert.True(f.HasFault);
        Assert.False(f.HasError);
        Assert.False(f.HasThrottle);
        Assert.Equal("POST", f.HttpMethod);
        Assert.Equal("http://www.example.com/api/user", f.HttpUrl);
        Assert.Equal("Mozilla/5.0", f.HttpUserAgent);
        Assert.Equal("78.255.233.48", f.HttpClientIp);
        Assert.Equal(500, f.HttpStatus);
        Assert.Equal("alice", f.User);
        Assert.Equal("i-0b5a4678fc325bg98", f.InstanceId);
        Assert.Equal("us-west-2c", f.AvailabilityZone);
        Assert.Equal(
            [
                new SegmentAnnotation("customer_category", null, 124, null),
                new SegmentAnnotation("zip_code", null, 98101, null),
                new SegmentAnnotation("country", "United States", null, null),
                new SegmentAnnotation("internal", null, null, false),
            ],
            f.Annotations);
    }

    [Fact]
    public void Independent_sql_subsegment_example_is_read()
    {
        var result = SegmentDocumentReader.Read(Golden("sql-subsegment.json"));
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.True(result.Fields.IsSubsegment);
        Assert.Equal("6b55dcc497934f1a", result.Fields.ParentId);
        Assert.Equal("remote", result.Fields.Namespace);
        Assert.Equal("ebdb@aawijb5u25wdoy.cpamxznpdoq8.us-west-2.rds.amazonaws.com", result.Fields.Name);
    }

    [Fact]
    public void Inferred_segment_example_is_valid()
    {
        var result = SegmentDocumentReader.Read(Golden("inferred-segment.json"));
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal("004f72be19cddc2a", result.Fields.ParentId);
        Assert.Equal(200, result.Fields.HttpStatus);
    }

    [Fact]
    public void Node_sdk_segment_datagram_is_read_with_subsegment_annotations()
    {
        var result = SegmentDocumentReader.Read(Golden("node-sdk-segment.json"));
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal("feas-service", result.Fields.Name);
        Assert.Equal("alice", result.Fields.User);
        Assert.Equal(4, result.Fields.Annotations.Count);
        Assert.Contains(new SegmentAnnotation("customer", "acme", null, null), result.Fields.Annotations);
        Assert.Contains(new SegmentAnnotation("retries", null, 2, null), result.Fields.Annotations);
        Assert.Contains(new SegmentAnnotation("ok", null, null, true), result.Fields.Annotations);
        Assert.Contains(new SegmentAnnotation("segAnn", "x", null, null), result.Fields.Annotations);
    }

    [Fact]
    public void Downstream_names_come_from_aws_and_remote_subsegments_at_any_depth()
    {
        var result = Read($$$"""
            {"trace_id":"{{{Trace}}}","id":"70de5b6f19ff9a0a","name":"web","start_time":1,"end_time":2,"subsegments":[
              {"id":"70de5b6f19ff9a0b","name":"DynamoDB","namespace":"aws","start_time":1,"end_time":1.1,"aws":{"operation":"GetItem","table_name":"orders"}},
              {"id":"70de5b6f19ff9a0c","name":"work","start_time":1.2,"end_time":1.9,"subsegments":[
                {"id":"70de5b6f19ff9a0d","name":"SQS","namespace":"aws","start_time":1.3,"end_time":1.4,"aws":{"queue_url":"https://sqs.us-east-1.amazonaws.com/123456789012/jobs/"}},
                {"id":"70de5b6f19ff9a0e","name":"api.example.com","namespace":"remote","start_time":1.5,"end_time":1.6},
                {"id":"70de5b6f19ff9a0f","name":"DynamoDB","namespace":"aws","start_time":1.6,"end_time":1.7,"aws":{"table_name":"orders"}},
                {"id":"70de5b6f19ff9a10","name":"local-only","start_time":1.7,"end_time":1.8,"aws":{"table_name":"not-a-call"}}]}]}
            """);

        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(["DynamoDB", "orders", "SQS", "jobs", "api.example.com"], result.Fields.DownstreamNames);
    }

    [Fact]
    public void A_standalone_remote_subsegment_names_itself_and_a_segment_does_not()
    {
        var subsegment = Read($$$"""{"type":"subsegment","trace_id":"{{{Trace}}}","parent_id":"70de5b6f19ff9a0a","id":"70de5b6f19ff9a0b","name":"Lambda","namespace":"aws","start_time":1,"end_time":2,"aws":{"function_name":"checkout"}}""");
        var segment = Read($$$"""{"trace_id":"{{{Trace}}}","id":"70de5b6f19ff9a0a","name":"Lambda","namespace":"aws","start_time":1,"end_time":2,"aws":{"function_name":"checkout"}}""");

        Assert.Equal(["Lambda", "checkout"], subsegment.Fields!.DownstreamNames);
        Assert.Empty(segment.Fields!.DownstreamNames);
    }

    [Fact]
    public void Node_sdk_lambda_subsegment_datagram_is_a_standalone_subsegment()
    {
        var result = SegmentDocumentReader.Read(Golden("node-sdk-lambda-subsegment.json"));
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.True(result.Fields.IsSubsegment);
        Assert.Equal("53995c3f42cd8ad8", result.Fields.ParentId);
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", result.Fields.TraceId);
    }

    [Fact]
    public void Cli_document_with_scientific_notation_times_is_read()
    {
        var result = Read("""{"name":"svc-a","id":"70de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1.478293361271E9,"end_time":1.478293361449E9}""");
        Assert.True(result.IsValid);
        Assert.Equal(1478293361.271, result.Fields.StartTime, 6);
        Assert.Equal(1478293361.449, result.Fields.EndTime!.Value, 6);
    }

    [Fact]
    public void In_progress_segment_is_valid_without_end_time()
    {
        var result = Read("""{"name":"example.com","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1.478293361271E9,"in_progress":true}""");
        Assert.True(result.IsValid);
        Assert.True(result.Fields.InProgress);
        Assert.Null(result.Fields.EndTime);
    }

    [Fact]
    public void Ids_and_trace_ids_are_canonicalised_to_lower_case()
    {
        var result = Read("""{"name":"a","id":"70DE5B6F19FF9A0B","trace_id":"1-581CF771-A006649127E371903A2DE979","start_time":1,"end_time":2}""");
        Assert.True(result.IsValid);
        Assert.Equal("70de5b6f19ff9a0b", result.Fields.Id);
        Assert.Equal("1-581cf771-a006649127e371903a2de979", result.Fields.TraceId);
    }

    [Fact]
    public void Put_trace_segments_example_rejects_the_expected_documents()
    {
        var ok = Read("""{"trace_id":"1-5960082b-ab52431b496add878434aa25","id":"6226467e3f845502","start_time":1498082657.37518,"end_time":1498082695.4042,"name":"test.elasticbeanstalk.com"}""");
        Assert.True(ok.IsValid);

        var missingEnd = Rejected("""{"trace_id":"1-5960082b-ab52431b496add878434aa25","id":"c2a0319811ccbc58","start_time":1498082657.5,"name":"db","type":"subsegment","parent_id":"6226467e3f845502"}""");
        Assert.Equal(new SegmentValidationError("c2a0319811ccbc58", "MissingEndTime", "Invalid subsegment. ErrorCode: MissingEndTime, Cause: null"), missingEnd);

        var badName = Rejected("""{"trace_id":"1-5960082b-ab52431b496add878434aa25","id":"cbb6a6a3e8c41c46","start_time":1498082657.6,"end_time":1498082657.7,"name":"mysql at RouteBinding:?","type":"subsegment","parent_id":"6226467e3f845502"}""");
        Assert.Equal(new SegmentValidationError("cbb6a6a3e8c41c46", "InvalidName", "Invalid subsegment. ErrorCode: InvalidName, Cause: null"), badName);
    }

    [Theory]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"T","start_time":1,"end_time":2""", "InvalidJson", "70de5b6f19ff9a0b")]
    [InlineData("not json", "InvalidJson", null)]
    [InlineData("", "InvalidJson", null)]
    [InlineData("[]", "MissingId", null)]
    [InlineData("42", "MissingId", null)]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2} x""", "InvalidJson", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "MissingId", null)]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "InvalidId", "70de5b6f19ff9a0")]
    [InlineData("""{"name":"a","id":12,"trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "InvalidId", null)]
    [InlineData("""{"id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "MissingName", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "MissingName", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a?b","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "InvalidName", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":7,"id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "InvalidName", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","end_time":2}""", "MissingStartTime", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":"1","end_time":2}""", "InvalidStartTime", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1e400,"end_time":2}""", "InvalidStartTime", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","start_time":1,"end_time":2}""", "MissingTraceId", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de97","start_time":1,"end_time":2}""", "InvalidTraceId", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1}""", "MissingEndTime", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"in_progress":false}""", "MissingEndTime", "70de5b6f19ff9a0b")]
    [InlineData("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":"2"}""", "InvalidEndTime", "70de5b6f19ff9a0b")]
    [InlineData("""{"type":"subsegment","name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "MissingParentId", "70de5b6f19ff9a0b")]
    [InlineData("""{"type":"subsegment","parent_id":"zz","name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "InvalidParentId", "70de5b6f19ff9a0b")]
    [InlineData("""{"type":"banana","name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""", "InvalidType", "70de5b6f19ff9a0b")]
    public void Every_validation_code_is_reported(string json, string code, string? id)
    {
        var error = Rejected(json);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(id, error.Id);
        Assert.Contains("ErrorCode: " + code, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_errors_use_the_segment_message_format()
    {
        var error = Rejected("""{"id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""");
        Assert.Equal("Invalid segment. ErrorCode: MissingName", error.Message);
    }

    [Theory]
    [InlineData("""{"id":"146a1ee458beef5d","start_time":1,"end_time":2}""", "MissingName")]
    [InlineData("""{"id":"146a1ee458beef5d","name":"x","end_time":2}""", "MissingStartTime")]
    [InlineData("""{"id":"146a1ee458beef5d","name":"x","start_time":1}""", "MissingEndTime")]
    [InlineData("""{"name":"x","start_time":1,"end_time":2}""", "MissingId")]
    [InlineData("""{"id":"146a1ee458beef5d","name":"x","start_time":1,"end_time":2,"subsegments":[{"id":"246a1ee458beef5d","name":"bad?","start_time":1,"end_time":2}]}""", "InvalidName")]
    public void Embedded_subsegments_are_validated_recursively(string subsegment, string code)
    {
        var json = $$"""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"subsegments":[{{subsegment}}]}""";
        var error = Rejected(json);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("70de5b6f19ff9a0b", error.Id);
        Assert.Equal($"Invalid subsegment. ErrorCode: {code}, Cause: null", error.Message);
    }

    [Fact]
    public void Embedded_in_progress_subsegment_is_valid_and_flags_cover_the_tree()
    {
        var result = Read("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"subsegments":[{"id":"146a1ee458beef5d","name":"x","start_time":1,"in_progress":true,"subsegments":[{"id":"246a1ee458beef5d","name":"y","start_time":1,"end_time":2,"throttle":true,"error":true}]}]}""");
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.True(result.Fields.HasThrottle);
        Assert.True(result.Fields.HasError);
        Assert.False(result.Fields.Throttle);
        Assert.False(result.Fields.Error);
        Assert.False(result.Fields.HasFault);
    }

    [Fact]
    public void Oversized_document_is_rejected_with_its_id()
    {
        var padding = new string('x', SegmentDocumentReader.MaxDocumentBytes);
        var error = Rejected("{\"name\":\"a\",\"id\":\"70de5b6f19ff9a0b\",\"trace_id\":\"1-581cf771-a006649127e371903a2de979\",\"start_time\":1,\"end_time\":2,\"metadata\":{\"default\":{\"pad\":\"" + padding + "\"}}}");
        Assert.Equal("SegmentTooLarge", error.ErrorCode);
        Assert.Equal("70de5b6f19ff9a0b", error.Id);
    }

    [Fact]
    public void Document_of_exactly_the_limit_is_accepted()
    {
        var head = "{\"name\":\"a\",\"id\":\"70de5b6f19ff9a0b\",\"trace_id\":\"1-581cf771-a006649127e371903a2de979\",\"start_time\":1,\"end_time\":2,\"metadata\":{\"default\":{\"pad\":\"";
        var tail = "\"}}}";
        var padding = new string('x', SegmentDocumentReader.MaxDocumentBytes - head.Length - tail.Length);
        var json = head + padding + tail;
        Assert.Equal(SegmentDocumentReader.MaxDocumentBytes, Encoding.UTF8.GetByteCount(json));
        Assert.True(Read(json).IsValid);
    }

    [Fact]
    public void Bad_annotations_are_dropped_from_the_index_but_the_document_is_kept()
    {
        var result = Read("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"annotations":{"good_1":"v","bad key":"v","bad-dash":1,"obj":{"a":1},"arr":[1],"nul":null,"num":1.5,"flag":false}}""");
        Assert.True(result.IsValid);
        Assert.Equal(
            [
                new SegmentAnnotation("good_1", "v", null, null),
                new SegmentAnnotation("num", null, 1.5, null),
                new SegmentAnnotation("flag", null, null, false),
            ],
            result.Fields.Annotations);
        Assert.Equal(5, result.Fields.DroppedAnnotations);
    }

    [Fact]
    public void At_most_fifty_annotations_are_indexed()
    {
        var pairs = string.Join(',', Enumerable.Range(0, 60).Select(i => $"\"k{i}\":{i}"));
        var result = Read("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"annotations":{""" + pairs + "}}");
        Assert.True(result.IsValid);
        Assert.Equal(50, result.Fields.Annotations.Count);
        Assert.Equal(10, result.Fields.DroppedAnnotations);
    }

    [Fact]
    public void Unknown_fields_and_string_content_length_are_tolerated()
    {
        var result = Read("""{"name":"a","id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"future":{"x":[1,{"y":null}]},"http":{"response":{"status":"404","content_length":"123"}},"links":[{"trace_id":"1-581cf771-a006649127e371903a2de979","id":"70de5b6f19ff9a0c"}]}""");
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(404, result.Fields.HttpStatus);
    }

    [Fact]
    public void Resource_arn_and_account_are_read()
    {
        var result = Read("""{"name":"fn","origin":"AWS::Lambda::Function","resource_arn":"arn:aws:lambda:us-east-1:000000000000:function:fn","aws":{"account_id":"000000000000"},"id":"70de5b6f19ff9a0b","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""");
        Assert.True(result.IsValid);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:fn", result.Fields.ResourceArn);
        Assert.Equal("000000000000", result.Fields.AccountId);
        Assert.Equal("AWS::Lambda::Function", result.Fields.Origin);
    }

    [Theory]
    [InlineData("www.example.com", true)]
    [InlineData("## UserModel.saveUser", true)]
    [InlineData("ebdb@host:5432/db", true)]
    [InlineData("Ünïcødé naïve 名前", true)]
    [InlineData("a_b.c:d/e%f&g#h=i+j\\k-l@m", true)]
    [InlineData("a?b", false)]
    [InlineData("a*b", false)]
    [InlineData("(paren)", false)]
    [InlineData("", false)]
    public void Names_follow_the_allowed_character_set(string name, bool valid)
    {
        Assert.Equal(valid, SegmentDocumentReader.IsValidName(name));
    }

    [Fact]
    public void Names_longer_than_200_characters_are_invalid()
    {
        Assert.True(SegmentDocumentReader.IsValidName(new string('a', 200)));
        Assert.False(SegmentDocumentReader.IsValidName(new string('a', 201)));
    }

    [Fact]
    public void Split_returns_each_subsegment_of_a_top_level_array()
    {
        var a = """{"type":"subsegment","parent_id":"70de5b6f19ff9a0b","name":"a","id":"146a1ee458beef5d","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""";
        var b = """{"type":"subsegment","parent_id":"70de5b6f19ff9a0b","name":"b","id":"246a1ee458beef5d","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}""";
        var parts = SegmentDocumentReader.Split(Encoding.UTF8.GetBytes($" [ {a} ,\n{b} ] "));
        Assert.Equal(2, parts.Count);
        Assert.Equal(a, Encoding.UTF8.GetString(parts[0].Span));
        Assert.Equal(b, Encoding.UTF8.GetString(parts[1].Span));
        Assert.All(parts, p => Assert.True(SegmentDocumentReader.Read(p.Span).IsValid));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[1,2]")]
    [InlineData("[{\"a\":1}")]
    [InlineData("{\"a\":1}")]
    [InlineData("")]
    public void Split_leaves_anything_else_whole(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var parts = SegmentDocumentReader.Split(bytes);
        Assert.Single(parts);
        Assert.Equal(bytes, parts[0].ToArray());
    }

    [Fact]
    public void Byte_order_mark_is_ignored_and_split_drops_it()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\"name\":\"a\",\"id\":\"70de5b6f19ff9a0b\",\"trace_id\":\"1-581cf771-a006649127e371903a2de979\",\"start_time\":1,\"end_time\":2}"u8];
        Assert.True(SegmentDocumentReader.Read(bytes).IsValid);
        var part = Assert.Single(SegmentDocumentReader.Split(bytes));
        Assert.Equal((byte)'{', part.Span[0]);
    }

    [Fact]
    public void Invalid_utf8_is_invalid_json_not_an_exception()
    {
        byte[] bytes = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\",\"id\":\"70de5b6f19ff9a0b\",\"trace_id\":\"1-581cf771-a006649127e371903a2de979\",\"start_time\":1,\"end_time\":2}"u8];
        var result = SegmentDocumentReader.Read(bytes);
        Assert.False(result.IsValid);
        Assert.Equal("InvalidJson", result.Error.ErrorCode);
    }
}
