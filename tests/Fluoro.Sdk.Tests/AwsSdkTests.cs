using System.Diagnostics;
using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Fluoro.Sdk.AwsSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluoro.Sdk.Tests;

// The AWS SDK for .NET's real DynamoDB client against a small fake endpoint on loopback.
[Collection(nameof(TracerTests))]
public sealed class AwsSdkTests
{
    private static async Task<WebApplication> StartFakeDynamoDbAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/", async context =>
        {
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            context.Response.Headers["x-amzn-RequestId"] = target.EndsWith("PutItem", StringComparison.Ordinal) ? "REQ-PUT-1" : "REQ-GET-1";
            context.Response.ContentType = "application/x-amz-json-1.0";
            if (target.EndsWith("GetItem", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("""{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"slow down"}""");
                return;
            }

            await context.Response.WriteAsync("{}");
        });
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task DynamoDB_calls_become_aws_subsegments_with_operation_region_request_id_and_table()
    {
        AwsSdkTracing.Register();
        await using var fake = await StartFakeDynamoDbAsync();
        using var sink = new UdpSink();
        string parentId;
        await using (var tracer = FluoroTracing.Start(new FluoroTracingOptions
        {
            ServiceName = "orders-api",
            Daemon = sink.Address,
            LambdaMode = false,
            Sampler = new DefaultRuleSampler(TimeProvider.System, reservoirPerSecond: 1_000, fixedRate: 1),
        }))
        {
            using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig
            {
                ServiceURL = fake.Urls.First(),
                AuthenticationRegion = "eu-west-1",
                MaxErrorRetry = 0,
            });
            using (var root = new ActivitySource("test.aws").StartActivity("handle", ActivityKind.Server))
            {
                parentId = root!.SpanId.ToHexString();
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = "orders",
                    Item = new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = "42" } },
                });
                await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(() => client.GetItemAsync(new GetItemRequest
                {
                    TableName = "orders",
                    Key = new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = "42" } },
                }));
            }

            await tracer.FlushAsync();
        }

        var documents = (await sink.ReceiveAsync(10, TimeSpan.FromSeconds(1))).Select(UdpSink.Document).ToList();
        var aws = documents.Where(d => d.TryGetProperty("namespace", out var ns) && ns.GetString() == "aws").ToList();
        Assert.Equal(2, aws.Count);

        var put = aws.Single(d => d.GetProperty("aws").GetProperty("operation").GetString() == "PutItem");
        Assert.Equal("DynamoDB", put.GetProperty("name").GetString());
        Assert.Equal(parentId, put.GetProperty("parent_id").GetString());
        Assert.Equal("eu-west-1", put.GetProperty("aws").GetProperty("region").GetString());
        Assert.Equal("REQ-PUT-1", put.GetProperty("aws").GetProperty("request_id").GetString());
        Assert.Equal("orders", put.GetProperty("aws").GetProperty("table_name").GetString());
        Assert.False(put.TryGetProperty("fault", out _));

        var get = aws.Single(d => d.GetProperty("aws").GetProperty("operation").GetString() == "GetItem");
        Assert.Equal("REQ-GET-1", get.GetProperty("aws").GetProperty("request_id").GetString());
        Assert.True(get.GetProperty("throttle").GetBoolean());
        Assert.True(get.GetProperty("error").GetBoolean());
        Assert.False(get.TryGetProperty("fault", out _));
    }
}
