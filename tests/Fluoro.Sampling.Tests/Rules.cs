using Fluoro.Sampling;

namespace Fluoro.Sampling.Tests;

internal static class Rules
{
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public static SamplingRule Custom(string name, int priority = 9000, double rate = 0.1, int reservoir = 5, string service = "*", string path = "*", string method = "*") => new()
    {
        RuleName = name,
        ResourceArn = "*",
        Priority = priority,
        FixedRate = rate,
        ReservoirSize = reservoir,
        ServiceName = service,
        ServiceType = "*",
        Host = "*",
        HttpMethod = method,
        UrlPath = path,
        Version = 1,
    };

    public static CreateSamplingRuleRequest Create(SamplingRule rule, params ResourceTag[] tags) =>
        new() { SamplingRule = rule, Tags = tags.Length == 0 ? null : tags };

    public static SamplingStatisticsDocument Stats(string rule, string client, double timestamp, int requests, int sampled = 0, int borrowed = 0) => new()
    {
        RuleName = rule,
        ClientId = client,
        Timestamp = timestamp,
        RequestCount = requests,
        SampledCount = sampled,
        BorrowCount = borrowed,
    };

    public static string Client(int n) => n.ToString("x24");
}
