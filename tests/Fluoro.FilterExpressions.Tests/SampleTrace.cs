using Fluoro.FilterExpressions;

namespace Fluoro.FilterExpressions.Tests;

/// <summary>
/// A trace where api.example.com (root, 200, 3 s) calls a Lambda function "worker" (fault 502, 1.2 s) which calls
/// DynamoDB (inferred, throttled 429).
/// </summary>
internal static class SampleTrace
{
    public static TraceFacts Build(bool partial = false, Action<Dictionary<string, FilterValue>>? extraAnnotations = null)
    {
        var rootAnnotations = new Dictionary<string, FilterValue>
        {
            ["gameid"] = FilterValue.From("817DL6VO"),
            ["age"] = FilterValue.From(31),
            ["vip"] = FilterValue.From(true),
        };
        extraAnnotations?.Invoke(rootAnnotations);

        var root = new SegmentFacts
        {
            Name = "api.example.com",
            Origin = "AWS::EC2::Instance",
            StartTime = 100,
            EndTime = 103,
            HttpStatus = 200,
            HttpUrl = "http://api.example.com/v2/api/game/42",
            HttpMethod = "GET",
            HttpUserAgent = "curl/8.0",
            HttpClientIp = "10.0.0.9",
            InstanceId = "i-0abc",
            AvailabilityZone = "us-east-1a",
            AccountId = "123456789012",
            Annotations = rootAnnotations,
        };
        var callWorker = new SegmentFacts { Name = "worker", IsSubsegment = true, StartTime = 100.5, EndTime = 101.8, Fault = true, HttpStatus = 502 };
        var worker = new SegmentFacts
        {
            Name = "worker",
            Origin = "AWS::Lambda::Function",
            StartTime = 100.6,
            EndTime = 101.8,
            Fault = true,
            User = "alice",
            ResourceArn = "arn:aws:lambda:us-east-1:123456789012:function:worker",
            Annotations = new Dictionary<string, FilterValue> { ["account"] = FilterValue.From("12345") },
        };
        var callDynamo = new SegmentFacts
        {
            Name = "DynamoDB",
            Origin = "aws",
            IsSubsegment = true,
            StartTime = 100.7,
            EndTime = partial ? null : 100.9,
            Error = true,
            Throttle = true,
            HttpStatus = 429,
        };

        var api = new ServiceFacts { Name = "api.example.com", Type = "AWS::EC2::Instance", AccountId = "123456789012", IsRoot = true, Segments = [root] };
        var workerNode = new ServiceFacts { Name = "worker", Names = ["worker", "worker-alias"], Type = "AWS::Lambda::Function", Segments = [worker] };
        var dynamo = new ServiceFacts { Name = "DynamoDB", Type = "AWS::DynamoDB::Table", IsInferred = true, Segments = [callDynamo] };

        return new TraceFacts
        {
            RootSegment = root,
            Duration = 3,
            IsPartial = partial,
            Segments = [root, callWorker, worker, callDynamo],
            Services = [api, workerNode, dynamo],
            Edges =
            [
                new EdgeFacts { Source = api, Destination = workerNode, Calls = [callWorker] },
                new EdgeFacts { Source = workerNode, Destination = dynamo, Calls = [callDynamo] },
            ],
            FaultRootCauses =
            [
                new RootCauseFacts
                {
                    ClientImpacting = false,
                    Services =
                    [
                        new RootCauseServiceFacts { Name = "api.example.com", Type = "AWS::EC2::Instance", EntityPath = [new RootCauseEntityFacts { Name = "api.example.com" }] },
                        new RootCauseServiceFacts
                        {
                            Name = "worker",
                            Type = "AWS::Lambda::Function",
                            EntityPath =
                            [
                                new RootCauseEntityFacts { Name = "worker" },
                                new RootCauseEntityFacts
                                {
                                    Name = "deserialize",
                                    Exceptions = [new RootCauseExceptionFacts { Name = "JsonException", Message = "Access Denied for account_id: 1234567890" }],
                                },
                            ],
                        },
                    ],
                },
            ],
            ResponseTimeRootCauses =
            [
                new RootCauseFacts
                {
                    Services =
                    [
                        new RootCauseServiceFacts { Name = "api.example.com", EntityPath = [new RootCauseEntityFacts { Name = "api.example.com", Coverage = 1 }] },
                        new RootCauseServiceFacts
                        {
                            Name = "traces",
                            Type = "AWS::DynamoDB",
                            Inferred = true,
                            EntityPath = [new RootCauseEntityFacts { Name = "traces", Remote = true, Coverage = 0.75 }],
                        },
                    ],
                },
            ],
        };
    }
}
