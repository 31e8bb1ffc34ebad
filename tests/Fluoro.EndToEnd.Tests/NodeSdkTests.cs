using System.Text.Json;

namespace Fluoro.EndToEnd.Tests;

/// <summary>aws-xray-sdk-core (UDP to the daemon, TCP sampling) and @aws-sdk/client-xray against an in-process Fluoro.</summary>
public sealed class NodeSdkTests : IAsyncLifetime
{
    private FluoroTestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FluoroTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task XRaySdkSegment_ThroughTheDaemon_IsReadBackWithClientXRay()
    {
        Peers.RequireNodePeers();

        var emit = await NodeAsync("xray-emit.cjs", "e2e-node-service");
        Assert.True(emit.ExitCode == 0, emit.ToString());
        var ids = JsonDocument.Parse(emit.StandardOutput.Trim().Split('\n')[^1]).RootElement;
        var traceId = ids.GetProperty("traceId").GetString()!;

        var get = await NodeAsync("xray-client.cjs", "get", traceId, "15000");
        Assert.True(get.ExitCode == 0, get.ToString());
        var trace = Assert.Single(JsonDocument.Parse(get.StandardOutput).RootElement.GetProperty("Traces").EnumerateArray());
        var document = JsonDocument.Parse(trace.GetProperty("Segments")[0].GetProperty("Document").GetString()!).RootElement;

        Assert.Equal("e2e-node-service", document.GetProperty("name").GetString());
        Assert.Equal(ids.GetProperty("segmentId").GetString(), document.GetProperty("id").GetString());
        Assert.Equal("gold", document.GetProperty("annotations").GetProperty("tier").GetString());
        Assert.Equal("abc123", document.GetProperty("metadata").GetProperty("default").GetProperty("build").GetProperty("sha").GetString());
        var sub = Assert.Single(document.GetProperty("subsegments").EnumerateArray());
        Assert.Equal("db-call", sub.GetProperty("name").GetString());
        Assert.Equal("acme", sub.GetProperty("annotations").GetProperty("customer").GetString());
        Assert.Equal("select 1", sub.GetProperty("metadata").GetProperty("e2e").GetProperty("request").GetProperty("q").GetString());
        Assert.True(_server.Server.DaemonCounters.Stored >= 1);
    }

    [Fact]
    public async Task ClientXRay_PutTraceSegments_ThenBatchGetTraces()
    {
        Peers.RequireNodePeers();
        var traceId = TraceIds.NewTraceId();
        var id = TraceIds.NewSegmentId();
        var doc = $$"""{"name":"js-svc","id":"{{id}}","trace_id":"{{traceId}}","start_time":{{TraceIds.Now(-0.5)}},"end_time":{{TraceIds.Now()}}}""";

        var put = await NodeAsync("xray-client.cjs", "put", doc);
        Assert.True(put.ExitCode == 0, put.ToString());
        var get = await NodeAsync("xray-client.cjs", "get", traceId, "5000");
        Assert.True(get.ExitCode == 0, get.ToString());

        var trace = Assert.Single(JsonDocument.Parse(get.StandardOutput).RootElement.GetProperty("Traces").EnumerateArray());
        Assert.Equal(id, trace.GetProperty("Segments")[0].GetProperty("Id").GetString());
    }

    [Fact]
    public async Task XRaySdk_CentralizedSampling_LoadsRulesFromTheDaemonTcpPort()
    {
        Peers.RequireNodePeers();

        var result = await NodeAsync("xray-sampling.cjs", "10000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Default", JsonDocument.Parse(result.StandardOutput.Trim().Split('\n')[^1]).RootElement.GetProperty("decision").GetString());
    }

    private Task<ProcessResult> NodeAsync(string script, params string[] args) =>
        ProcessRunner.RunAsync("node", [script, .. args], _server.ClientEnvironment(), Peers.PeersDirectory, TimeSpan.FromSeconds(60));
}
