using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fluoro.Tracing.Documents;

/// <summary>The <c>aws</c> object: the resource running the code (segments) or the resource called (subsegments).</summary>
public sealed class AwsData
{
    /// <summary>Account id.</summary>
    public string? AccountId { get; set; }

    /// <summary>Called operation, e.g. <c>UpdateItem</c>.</summary>
    public string? Operation { get; set; }

    /// <summary>Region of the called resource.</summary>
    public string? Region { get; set; }

    /// <summary>Request id of the call.</summary>
    public string? RequestId { get; set; }

    /// <summary>SQS queue URL.</summary>
    public string? QueueUrl { get; set; }

    /// <summary>DynamoDB table name.</summary>
    public string? TableName { get; set; }

    /// <summary>Lambda function name.</summary>
    public string? FunctionName { get; set; }

    /// <summary>Names of the resources the call touched.</summary>
    public List<string>? ResourceNames { get; set; }

    /// <summary>Retries the SDK made.</summary>
    public int? Retries { get; set; }

    /// <summary>EC2 instance data.</summary>
    public Ec2Data? Ec2 { get; set; }

    /// <summary>ECS container data.</summary>
    public EcsData? Ecs { get; set; }

    /// <summary>SDK that produced the document.</summary>
    public XRaySdkData? Xray { get; set; }

    /// <summary>Other members (eks, elastic_beanstalk, cloudwatch_logs, …), preserved verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
