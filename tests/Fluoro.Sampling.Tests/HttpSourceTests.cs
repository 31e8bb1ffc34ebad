using System.Net;
using System.Net.Sockets;
using System.Text;
using Fluoro.Sampling;
using Fluoro.Testing;
using Microsoft.Extensions.Time.Testing;
using static Fluoro.Sampling.Tests.Rules;

namespace Fluoro.Sampling.Tests;

/// <summary>The HTTP source against a minimal HTTP/1.1 peer on a real loopback socket, serving a real service.</summary>
public sealed class HttpSourceTests
{
    [Fact]
    public async Task TalksToTheDaemonPathsWithContentLengthBodies()
    {
        var time = new FakeTimeProvider(Start);
        var service = new SamplingRuleService(time);
        await service.CreateSamplingRuleAsync(Create(Custom("http-rule", priority: 1, reservoir: 3)));

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var seen = new List<string>();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            for (var i = 0; i < 2; i++)
            {
                var (requestLine, headers, body) = await ReadRequestAsync(stream);
                seen.Add($"{requestLine} | {headers} | {Encoding.UTF8.GetString(body)}");
                var response = requestLine.Contains("/GetSamplingRules", StringComparison.Ordinal)
                    ? service.GetSamplingRulesJson(body)
                    : service.GetSamplingTargetsJson(body);
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {response.Length}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(response);
            }
        });

        using var http = new HttpClient();
        var source = new HttpSamplingRulesSource(http, new Uri($"http://127.0.0.1:{port}/"));
        var rules = await source.GetSamplingRulesAsync().DefaultTimeout();
        Assert.Equal(["http-rule", "Default"], rules.SamplingRuleRecords.Select(r => r.SamplingRule.RuleName!));

        var targets = await source.GetSamplingTargetsAsync(new GetSamplingTargetsRequest
        {
            SamplingStatisticsDocuments = [Stats("http-rule", Client(9), time.GetUtcNow().ToUnixTimeSeconds(), 5, 1, 1)],
        }).DefaultTimeout();
        Assert.Equal(3, Assert.Single(targets.SamplingTargetDocuments).ReservoirQuota);
        await server.DefaultTimeout();

        Assert.StartsWith("POST /GetSamplingRules HTTP/1.1", seen[0], StringComparison.Ordinal);
        Assert.EndsWith("| {}", seen[0], StringComparison.Ordinal);
        Assert.StartsWith("POST /SamplingTargets HTTP/1.1", seen[1], StringComparison.Ordinal);
        Assert.Contains("content-length:", seen[1], StringComparison.Ordinal);
        Assert.DoesNotContain("transfer-encoding", seen[1], StringComparison.Ordinal);
        Assert.Contains("\"ClientID\":\"000000000000000000000009\"", seen[1], StringComparison.Ordinal);
    }

    private static async Task<(string RequestLine, string Headers, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException();
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = string.Join(";", lines.Skip(1)).ToLowerInvariant();
        var lengthLine = lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new byte[lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim())];
        await stream.ReadExactlyAsync(body);
        return (lines[0], headers, body);
    }
}
