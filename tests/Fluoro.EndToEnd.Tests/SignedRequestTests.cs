using Fluoro.Testing;

namespace Fluoro.EndToEnd.Tests;

/// <summary>With --auth-keys, the real AWS CLI's SigV4 signatures verify and wrong credentials are refused.</summary>
public sealed class SignedRequestTests : IAsyncLifetime
{
    private string _keysFile = null!;
    private FluoroTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _keysFile = Path.Combine(TestPaths.NewScratchDirectory("fluoro-keys"), "keys");
        await File.WriteAllTextAsync(_keysFile, "# test keys\nAKIDE2EFLUORO e2e/Secret+Key\n");
        _server = await FluoroTestServer.StartAsync(authKeysFile: _keysFile);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_keysFile)!, recursive: true);
    }

    [Fact]
    public async Task CorrectKey_IsAccepted()
    {
        Peers.RequireAwsCli();

        var result = await AwsAsync("AKIDE2EFLUORO", "e2e/Secret+Key", "xray", "get-trace-summaries", "--start-time", "1767225600", "--end-time", "1767229200");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task WrongSecret_IsInvalidSignature()
    {
        Peers.RequireAwsCli();

        var result = await AwsAsync("AKIDE2EFLUORO", "wrong", "xray", "get-sampling-rules");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidSignatureException", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownKey_IsUnrecognizedClient()
    {
        Peers.RequireAwsCli();

        var result = await AwsAsync("AKIDNOBODY", "whatever", "xray", "get-sampling-rules");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("UnrecognizedClientException", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthNeedsNoSignature_ButTheApiDoes()
    {
        using var http = new HttpClient { BaseAddress = _server.Server.HttpEndpoint };

        using var health = await http.GetAsync(new Uri("/_fluoro/health", UriKind.Relative)).DefaultTimeout();
        using var api = await http.PostAsync(new Uri("/GetSamplingRules", UriKind.Relative), new StringContent("{}")).DefaultTimeout();

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", api.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    private Task<ProcessResult> AwsAsync(string key, string secret, params string[] args) =>
        ProcessRunner.RunAsync(Peers.AwsCli, [.. args, "--endpoint-url", _server.Endpoint, "--region", "us-east-1", "--output", "json"], _server.ClientEnvironment(key, secret));
}
