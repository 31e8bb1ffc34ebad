using System.Net;
using Fluoro.Server;
using Microsoft.Extensions.Logging;

namespace Fluoro.EndToEnd.Tests;

/// <summary>A real <see cref="FluoroServer"/> on free loopback ports with a scratch data directory.</summary>
internal sealed class FluoroTestServer : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private FluoroTestServer(FluoroServer server, string dataDirectory, bool ownsDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    public FluoroServer Server { get; }

    public string DataDirectory { get; }

    public string Endpoint => Server.HttpEndpoint.ToString().TrimEnd('/');

    public static async Task<FluoroTestServer> StartAsync(string? dataDirectory = null, string? authKeysFile = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Fluoro.Testing.TestPaths.NewScratchDirectory("fluoro-e2e");
        var server = await FluoroServer.StartAsync(new FluoroServerOptions
        {
            HttpEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            DaemonEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            DataDirectory = dataDirectory,
            DaemonFlushInterval = TimeSpan.FromMilliseconds(100),
            AuthKeysFile = authKeysFile,
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        });
        return new FluoroTestServer(server, dataDirectory, owns);
    }

    /// <summary>Environment for a real AWS client pointed at this server.</summary>
    public Dictionary<string, string> ClientEnvironment(string accessKey = "test", string secret = "test") => new()
    {
        ["AWS_ACCESS_KEY_ID"] = accessKey,
        ["AWS_SECRET_ACCESS_KEY"] = secret,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_PAGER"] = "",
        ["AWS_ENDPOINT_URL"] = Endpoint,
        ["AWS_XRAY_DAEMON_ADDRESS"] = Server.DaemonAddress,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
