using System.CommandLine;
using System.Net;
using Fluoro.Server;

namespace Fluoro.Cli.Commands;

/// <summary><c>fluoro up</c>: runs the whole of Fluoro in the foreground until Ctrl+C or SIGTERM.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var http = new Option<string>("--http")
        {
            Description = "Edge port for every AWS-compatible API and the console (host:port).",
            DefaultValueFactory = _ => "127.0.0.1:4566",
        };
        var daemon = new Option<string>("--daemon")
        {
            Description = "X-Ray daemon address, UDP for segments and TCP for sampling (host:port).",
            DefaultValueFactory = _ => "127.0.0.1:2000",
        };
        var data = new Option<string?>("--data")
        {
            Description = "Data directory (default: $XDG_DATA_HOME/fluoro or ~/.local/share/fluoro).",
        };
        var retention = new Option<string>("--retention")
        {
            Description = "How long traces are kept, e.g. 30d, 12h.",
            DefaultValueFactory = _ => "30d",
        };
        var bufferMb = new Option<int>("--daemon-buffer-mb")
        {
            Description = "Memory for segments waiting to be stored; when full the oldest are dropped and counted.",
            DefaultValueFactory = _ => 64,
        };
        var authKeys = new Option<string?>("--auth-keys")
        {
            Description = "File of 'ACCESS_KEY_ID SECRET' lines; when given, AWS API requests must be SigV4-signed with one of them.",
        };
        var region = new Option<string>("--region")
        {
            Description = "Region reported in ARNs.",
            DefaultValueFactory = _ => "us-east-1",
        };

        var command = new Command("up", "Start Fluoro: X-Ray API, Lambda API and console on one port, plus the X-Ray daemon.")
        {
            http, daemon, data, retention, bufferMb, authKeys, region,
        };
        command.SetAction(async (parse, _) =>
        {
            if (!EndpointParser.TryParse(parse.GetValue(http), out var httpEndpoint, out var error))
            {
                return Fail("--http: " + error);
            }

            if (!EndpointParser.TryParse(parse.GetValue(daemon), out var daemonEndpoint, out error))
            {
                return Fail("--daemon: " + error);
            }

            if (!DurationParser.TryParse(parse.GetValue(retention), out var retentionSpan))
            {
                return Fail($"--retention: '{parse.GetValue(retention)}' is not a duration such as 30d or 12h.");
            }

            var buffer = parse.GetValue(bufferMb);
            if (buffer < 1)
            {
                return Fail("--daemon-buffer-mb must be at least 1.");
            }

            var options = new FluoroServerOptions
            {
                HttpEndpoint = httpEndpoint,
                DaemonEndpoint = daemonEndpoint,
                DataDirectory = Path.GetFullPath(parse.GetValue(data) ?? FluoroServerOptions.DefaultDataDirectory()),
                Retention = retentionSpan,
                DaemonBufferMb = buffer,
                AuthKeysFile = parse.GetValue(authKeys),

                // A fixed console token (e.g. for a bookmark) comes from the environment, never the command line.
                ConsoleToken = Environment.GetEnvironmentVariable("FLUORO_CONSOLE_TOKEN") is { Length: > 0 } token ? token : null,
                Region = parse.GetValue(region) ?? "us-east-1",
            };
            return await RunAsync(options);
        });
        return command;
    }

    private static async Task<int> RunAsync(FluoroServerOptions options)
    {
        using var signal = new ShutdownSignal();
        FluoroServer server;
        try
        {
            server = await FluoroServer.StartAsync(options);
        }
        catch (FluoroConfigurationException ex)
        {
            return Fail(ex.Message);
        }
        catch (IOException ex)
        {
            await System.Console.Error.WriteLineAsync($"fluoro: could not start: {ex.Message}");
            await System.Console.Error.WriteLineAsync("Is another Fluoro (or something else) using these ports? Choose others with --http and --daemon.");
            return ExitCodes.StartupFailed;
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            await System.Console.Error.WriteLineAsync($"fluoro: could not open the daemon on {options.DaemonEndpoint}: {ex.Message}");
            return ExitCodes.StartupFailed;
        }

        await using (server)
        {
            PrintBanner(server, options);
            await signal.Task;
            System.Console.WriteLine("Stopping: flushing the daemon buffer into the store…");
            await server.StopAsync();
        }

        System.Console.WriteLine("Fluoro stopped.");
        return ExitCodes.Success;
    }

    private static void PrintBanner(FluoroServer server, FluoroServerOptions options)
    {
        var edge = server.HttpEndpoint.ToString().TrimEnd('/');
        var exportEdge = IPAddress.Any.Equals(options.HttpEndpoint.Address) ? edge.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) : edge;
        var console = server.ConsoleLoginUrl is { } login
            ? exportEdge + login.PathAndQuery + "   (sign-in link; keep it private)"
            : edge + "/";
        System.Console.WriteLine($"""

            Fluoro {FluoroServer.Version} is up.
              Edge (X-Ray API, Lambda API, console)  {edge}
              Console                                {console}
              Health                                 {edge}/_fluoro/health
              X-Ray daemon (UDP segments, TCP sampling) {server.DaemonAddress}
              Data                                   {options.DataDirectory} (retention {DurationParser.Format(options.Retention)})
              Signatures                             {(options.AuthKeysFile is null ? "not checked (loopback only)" : "required (" + options.AuthKeysFile + ")")}

            Point AWS clients and SDKs at it:
              export AWS_ENDPOINT_URL={exportEdge}
              export AWS_XRAY_DAEMON_ADDRESS={server.DaemonAddress}
              export AWS_REGION={options.Region} {(options.AuthKeysFile is null ? "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test" : "AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=…  (a pair from " + options.AuthKeysFile + ")")}

            Press Ctrl+C to stop.
            """);
    }

    private static int Fail(string message)
    {
        System.Console.Error.WriteLine("fluoro: " + message);
        return ExitCodes.InvalidConfiguration;
    }
}
