using System.Net;

namespace Fluoro.Lambda;

/// <summary>What the Lambda service needs from the composition root.</summary>
public sealed class LambdaOptions
{
    /// <summary>Directory where functions, their code and their state persist.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The X-Ray daemon's UDP (and TCP) address, handed to functions and used for Lambda's own segments.</summary>
    public IPEndPoint DaemonEndpoint { get; set; } = new(IPAddress.Loopback, 2000);

    /// <summary>Base URL of the edge port, e.g. <c>http://127.0.0.1:4566</c> (function URLs are served there).</summary>
    public Uri EdgeBaseUrl { get; set; } = new("http://127.0.0.1:4566");

    /// <summary>Region reported in ARNs.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Account id reported in ARNs.</summary>
    public string AccountId { get; set; } = "000000000000";
}
