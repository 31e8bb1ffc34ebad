using System.CommandLine;
using System.Net;
using Fluoro.Daemon;
using Microsoft.Extensions.Logging;

namespace Fluoro.Cli.Commands;

/// <summary>
/// <c>fluoro daemon</c>: only the X-Ray daemon, forwarding to a Fluoro elsewhere — run it beside an application the
/// way the AWS daemon runs beside one, with SDKs left at their defaults.
/// </summary>
internal static class DaemonCommand
{
    public static Command Create()
    {
        var bind = new Option<string>("--bind", "-b")
        {
            Description = "UDP and TCP address to listen on (host:port).",
            DefaultValueFactory = _ => "127.0.0.1:2000",
        };
        var endpoint = new Option<string>("--endpoint")
        {
            Description = "The Fluoro edge URL that receives the segments (PutTraceSegments) and answers sampling calls. Calls are SigV4-signed with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN and AWS_REGION when set.",
            DefaultValueFactory = _ => "http://127.0.0.1:4566",
        };
        var bufferMb = new Option<int>("--buffer-mb", "-m")
        {
            Description = "Memory for segments waiting to be sent; when full the oldest are dropped and counted.",
            DefaultValueFactory = _ => 16,
        };

        var command = new Command("daemon", "Run only the X-Ray daemon (UDP + TCP) and forward to a Fluoro at --endpoint.")
        {
            bind, endpoint, bufferMb,
        };
        command.SetAction(async (parse, _) =>
        {
            if (!EndpointParser.TryParse(parse.GetValue(bind), out var address, out var error))
            {
                System.Console.Error.WriteLine("fluoro: --bind: " + error);
                return ExitCodes.InvalidConfiguration;
            }

            if (!IPAddress.IsLoopback(address.Address))
            {
                // The daemon has no authentication; a non-loopback bind is what Docker users need, so warn only.
                System.Console.Error.WriteLine($"fluoro: warning: the daemon on {address} accepts segments from any host that can reach it.");
            }

            if (!Uri.TryCreate(parse.GetValue(endpoint), UriKind.Absolute, out var remote) || remote.Scheme is not ("http" or "https"))
            {
                System.Console.Error.WriteLine("fluoro: --endpoint must be an http(s) URL such as http://127.0.0.1:4566.");
                return ExitCodes.InvalidConfiguration;
            }

            using var signal = new ShutdownSignal();
            using var loggerFactory = LoggerFactory.Create(logging => logging
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "HH:mm:ss ";
                }));

            // Calls are signed with SigV4 when the environment has credentials (as the AWS daemon does), so a server
            // started with --auth-keys accepts them; without credentials they go unsigned (a default local server accepts any).
            var credentials = AwsCredentials.FromEnvironment();
            var region = AwsCredentials.RegionFromEnvironment();
            HttpMessageHandler handler = credentials is null
                ? new SocketsHttpHandler()
                : new SigV4SigningHandler(credentials, region) { InnerHandler = new SocketsHttpHandler() };

            // Generous: a remote Fluoro that is just starting (JIT, store open) can take seconds to answer its first batch.
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
            XRayDaemon daemon;
            try
            {
                daemon = await XRayDaemon.StartAsync(
                    new DaemonOptions { UdpEndpoint = address, BufferMemoryMb = Math.Max(1, parse.GetValue(bufferMb)) },
                    new RemoteSegmentForwarder(http, remote),
                    new RemoteSamplingApi(http, remote),
                    TimeProvider.System,
                    loggerFactory,
                    CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
            {
                System.Console.Error.WriteLine($"fluoro: could not listen on {address}: {ex.Message}");
                return ExitCodes.StartupFailed;
            }

            await using (daemon)
            {
                System.Console.WriteLine($"X-Ray daemon on {daemon.DaemonAddress}, forwarding to {remote}. Press Ctrl+C to stop.");
                System.Console.WriteLine(credentials is null
                    ? "  calls are unsigned (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to sign them)"
                    : $"  calls are signed with SigV4 as {credentials.AccessKeyId} for region {region}");
                System.Console.WriteLine($"  export AWS_XRAY_DAEMON_ADDRESS={daemon.DaemonAddress}");
                await signal.Task;
                await daemon.StopAsync();
                var c = daemon.Counters;
                System.Console.WriteLine($"Stopped: received {c.Received}, rejected {c.Rejected}, dropped {c.Dropped}, forwarded {c.Forwarded}, failed {c.Failed}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
