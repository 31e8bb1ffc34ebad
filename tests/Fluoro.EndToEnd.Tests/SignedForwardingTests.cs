using System.Globalization;
using System.Net;
using System.Text;
using Fluoro.Daemon;
using Fluoro.Testing;

namespace Fluoro.EndToEnd.Tests;

/// <summary><c>fluoro daemon --endpoint</c> against a server started with --auth-keys: its SigV4-signed calls are accepted, wrong keys are not.</summary>
public sealed class SignedForwardingTests : IAsyncLifetime
{
    private const string AccessKey = "AKIDFORWARDER";
    private const string Secret = "forward/Secret+Key";
    private string _keysFile = null!;
    private FluoroTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _keysFile = Path.Combine(TestPaths.NewScratchDirectory("fluoro-keys"), "keys");
        await File.WriteAllTextAsync(_keysFile, $"{AccessKey} {Secret}\n");
        _server = await FluoroTestServer.StartAsync(authKeysFile: _keysFile);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_keysFile)!, recursive: true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("session-token-value")]
    public async Task Signed_forwarding_is_accepted_and_the_segment_is_stored(string? sessionToken)
    {
        using var http = SignedClient(new AwsCredentials(AccessKey, Secret, sessionToken));
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        var traceId = "1-" + epoch + "-" + Guid.NewGuid().ToString("N")[..24];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var document = string.Create(CultureInfo.InvariantCulture,
            $$"""{"trace_id":"{{traceId}}","id":"70de5b6f19ff9a0a","name":"signed","start_time":{{now - 1:F3}},"end_time":{{now:F3}}}""");

        var result = await new RemoteSegmentForwarder(http, _server.Server.HttpEndpoint)
            .IngestAsync([Encoding.UTF8.GetBytes(document)]).AsTask().DefaultTimeout();
        var rules = await new RemoteSamplingApi(http, _server.Server.HttpEndpoint)
            .GetSamplingRulesAsync("{}"u8.ToArray()).AsTask().DefaultTimeout();

        Assert.Equal(1, result.Accepted);
        Assert.Empty(result.Unprocessed);
        Assert.Contains("SamplingRuleRecords", Encoding.UTF8.GetString(rules), StringComparison.Ordinal);
        using var lookup = new StringContent($$"""{"TraceIds":["{{traceId}}"]}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(_server.Server.HttpEndpoint, "/Traces"), lookup).DefaultTimeout();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("70de5b6f19ff9a0a", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_so_the_daemon_counts_the_batch_as_failed()
    {
        using var http = SignedClient(new AwsCredentials(AccessKey, "not-the-secret", null));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            new RemoteSegmentForwarder(http, _server.Server.HttpEndpoint).IngestAsync([Encoding.UTF8.GetBytes("{}")]).AsTask()).DefaultTimeout();

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidSignatureException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_forwarding_is_refused_by_a_server_with_keys()
    {
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            new RemoteSegmentForwarder(http, _server.Server.HttpEndpoint).IngestAsync([Encoding.UTF8.GetBytes("{}")]).AsTask()).DefaultTimeout();

        Assert.Contains(((int)HttpStatusCode.Forbidden).ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_and_region_come_from_the_standard_environment_variables()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKID",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["AWS_SESSION_TOKEN"] = "",
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
        };

        var credentials = AwsCredentials.FromEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal(new AwsCredentials("AKID", "secret", null), credentials);
        Assert.Equal("eu-west-1", AwsCredentials.RegionFromEnvironment(name => environment.GetValueOrDefault(name)));
        Assert.DoesNotContain("secret", credentials!.ToString(), StringComparison.Ordinal);
        Assert.Null(AwsCredentials.FromEnvironment(_ => null));
        Assert.Equal("us-east-1", AwsCredentials.RegionFromEnvironment(_ => null));
    }

    private static HttpClient SignedClient(AwsCredentials credentials) =>
        new(new SigV4SigningHandler(credentials, "us-east-1") { InnerHandler = new SocketsHttpHandler() });
}
