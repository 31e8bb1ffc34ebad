using System.Net;
using Fluoro.Sampling;
using Fluoro.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Sdk.Tests;

/// <summary>A real Fluoro (daemon UDP + TCP, store, X-Ray API) on free loopback ports with a scratch directory.</summary>
internal sealed class SdkTestServer : IAsyncDisposable
{
    private readonly string _directory;

    private SdkTestServer(FluoroServer server, string directory)
    {
        Server = server;
        _directory = directory;
    }

    public FluoroServer Server { get; }

    public DaemonAddress Daemon => DaemonAddress.TryParse(Server.DaemonAddress, out var address)
        ? address
        : throw new InvalidOperationException("daemon address " + Server.DaemonAddress);

    public SamplingRuleService SamplingRules => Server.Services.GetRequiredService<SamplingRuleService>();

    public static async Task<SdkTestServer> StartAsync()
    {
        var directory = Fluoro.Testing.TestPaths.NewScratchDirectory("fluoro-sdk");
        var server = await FluoroServer.StartAsync(new FluoroServerOptions
        {
            HttpEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            DaemonEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            DataDirectory = directory,
            DaemonFlushInterval = TimeSpan.FromMilliseconds(100),
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        });
        return new SdkTestServer(server, directory);
    }

    public Task CreateRuleAsync(string name, int priority, string urlPath, int reservoir, double rate) =>
        SamplingRules.CreateSamplingRuleAsync(new CreateSamplingRuleRequest
        {
            SamplingRule = new SamplingRule
            {
                RuleName = name,
                Priority = priority,
                FixedRate = rate,
                ReservoirSize = reservoir,
                ServiceName = "*",
                ServiceType = "*",
                Host = "*",
                HttpMethod = "*",
                UrlPath = urlPath,
                ResourceArn = "*",
                Version = 1,
            },
        });

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
