using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fluoro.XRay.Tests;

public sealed class XRayJsonContextTests
{
    [Fact]
    public void Requests_from_the_cli_and_sdks_deserialize()
    {
        var cli = JsonSerializer.Deserialize("""{"StartTime": 1767225600, "EndTime": 1767229200.5, "TimeRangeType": "Event", "Sampling": false, "SamplingStrategy": {"Name": "FixedRate", "Value": 0.5}, "FilterExpression": null, "NextToken": null}""", XRayJsonContext.Default.GetTraceSummariesRequest)!;
        Assert.Equal(1767225600, cli.StartTime);
        Assert.Equal(1767229200.5, cli.EndTime);
        Assert.Equal("Event", cli.TimeRangeType);
        Assert.Equal(0.5, cli.SamplingStrategy!.Value);

        var batch = JsonSerializer.Deserialize("""{"TraceIds": ["1-581cf771-a006649127e371903a2de979"]}""", XRayJsonContext.Default.BatchGetTracesRequest)!;
        Assert.Equal(["1-581cf771-a006649127e371903a2de979"], batch.TraceIds);

        var empty = JsonSerializer.Deserialize("{}", XRayJsonContext.Default.BatchGetTracesRequest)!;
        Assert.Null(empty.TraceIds);
    }

    [Fact]
    public void Results_use_aws_member_names_omit_nulls_and_keep_empty_collections()
    {
        var result = new GetTraceSummariesResult
        {
            TraceSummaries =
            [
                new TraceSummary
                {
                    Id = "1-581cf771-a006649127e371903a2de979",
                    StartTime = 1478293361.271,
                    Duration = 0.178,
                    Http = new TraceHttp { HttpStatus = 200 },
                    ServiceIds = [new ServiceId { Name = "svc", Names = ["svc"] }],
                    ResourceARNs = [new ResourceArnDetail { ARN = "arn:x" }],
                    Annotations = new Dictionary<string, IReadOnlyList<ValueWithServiceIds>>
                    {
                        ["k"] = [new ValueWithServiceIds { AnnotationValue = new SummaryAnnotationValue { BooleanValue = true } }],
                    },
                },
            ],
            ApproximateTime = 1478293300,
            TracesProcessedCount = 1,
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(result, XRayJsonContext.Default.GetTraceSummariesResult))!.AsObject();
        Assert.False(json.ContainsKey("NextToken"));
        Assert.Equal(1, (long?)json["TracesProcessedCount"]);
        var summary = json["TraceSummaries"]![0]!.AsObject();
        Assert.Equal(1478293361.271, (double?)summary["StartTime"]);
        Assert.Equal(200, (int?)summary["Http"]!["HttpStatus"]);
        Assert.False(summary["Http"]!.AsObject().ContainsKey("HttpURL"));
        Assert.Equal("arn:x", (string?)summary["ResourceARNs"]![0]!["ARN"]);
        Assert.Equal(true, (bool?)summary["Annotations"]!["k"]![0]!["AnnotationValue"]!["BooleanValue"]);
        Assert.Empty(summary["Users"]!.AsArray());
        Assert.Empty(summary["FaultRootCauses"]!.AsArray());
        Assert.False(summary["ServiceIds"]![0]!.AsObject().ContainsKey("Type"));
        Assert.False(summary.ContainsKey("EntryPoint"));

        var batch = JsonNode.Parse(JsonSerializer.Serialize(
            new BatchGetTracesResult { Traces = [new Trace { Id = "t", Duration = 1.5, Segments = [new TraceSegment { Id = "s", Document = "{\"a\":1}" }] }] },
            XRayJsonContext.Default.BatchGetTracesResult))!;
        Assert.Equal("{\"a\":1}", (string?)batch["Traces"]![0]!["Segments"]![0]!["Document"]);
        Assert.False((bool)batch["Traces"]![0]!["LimitExceeded"]!);
        Assert.Empty(batch["UnprocessedTraceIds"]!.AsArray());
    }
}
