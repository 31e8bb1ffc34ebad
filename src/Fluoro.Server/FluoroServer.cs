using System.Net;
using System.Net.Sockets;
using Fluoro.Api;
using Fluoro.Api.Auth;
using Fluoro.Api.Sampling;
using Fluoro.Console;
using Fluoro.Daemon;
using Fluoro.FilterExpressions;
using Fluoro.Lambda;
using Fluoro.Lambda.Tracing;
using Fluoro.Sampling;
using Fluoro.Storage;
using Fluoro.Storage.DuckDb;
using Fluoro.XRay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fluoro.Server;

/// <summary>
/// The whole of Fluoro in one object: the trace store, the X-Ray daemon (UDP + TCP), and one HTTP edge port with the
/// X-Ray API, the Lambda API and the console. The CLI, tests and benchmarks all start it the same way and read the
/// bound endpoints back. This is the only place that picks the storage backend.
/// </summary>
public sealed class FluoroServer : IAsyncDisposable
{
    private const int PortAttempts = 20;

    private readonly WebApplication _app;
    private readonly XRayDaemon _daemon;
    private readonly ITraceStore _store;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _purgeLoop;
    private readonly FluoroServerOptions _options;
    private int _stopped;

    private FluoroServer(FluoroServerOptions options, WebApplication app, XRayDaemon daemon, ITraceStore store, Uri httpEndpoint, string? consoleToken, ILoggerFactory loggerFactory)
    {
        _options = options;
        ConsoleLoginUrl = consoleToken is null ? null : new Uri(httpEndpoint, "login?t=" + consoleToken);
        _app = app;
        _daemon = daemon;
        _store = store;
        HttpEndpoint = httpEndpoint;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Fluoro.Server");
        _purgeLoop = Task.Run(() => PurgeLoopAsync(_stopping.Token));
    }

    /// <summary>Base URL of the edge port, e.g. <c>http://127.0.0.1:4566/</c>.</summary>
    public Uri HttpEndpoint { get; }

    /// <summary>
    /// With <see cref="FluoroServerOptions.AuthKeysFile"/> set: the URL that signs a browser in to the console
    /// (<c>/login?t=TOKEN</c>). Null when signatures are not checked (the console needs no sign-in then).
    /// </summary>
    public Uri? ConsoleLoginUrl { get; }

    /// <summary>The daemon's UDP address.</summary>
    public IPEndPoint DaemonUdpEndpoint => _daemon.UdpEndpoint;

    /// <summary>The daemon's TCP (sampling) address.</summary>
    public IPEndPoint? DaemonTcpEndpoint => _daemon.TcpEndpoint;

    /// <summary>The value to export as <c>AWS_XRAY_DAEMON_ADDRESS</c>.</summary>
    public string DaemonAddress => _daemon.DaemonAddress;

    /// <summary>The daemon's counters.</summary>
    public DaemonCounters DaemonCounters => _daemon.Counters;

    /// <summary>The trace store.</summary>
    public ITraceStore Store => _store;

    /// <summary>The edge host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The Fluoro version.</summary>
    public static string Version => HealthReport.Version;

    /// <summary>Opens the store, starts the daemon and the edge port. Returns once everything accepts traffic.</summary>
    public static async Task<FluoroServer> StartAsync(FluoroServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = LoadKeys(options);
        CheckBindings(options, keys);
        var consoleToken = keys is null ? null : ConsoleToken(options);

        var configureLogging = options.ConfigureLogging ?? DefaultLogging;
        var loggerFactory = LoggerFactory.Create(configureLogging);
        DuckDbTraceStore? store = null;
        XRayDaemon? daemon = null;
        try
        {
            Directory.CreateDirectory(options.DataDirectory);
            store = await DuckDbTraceStore.OpenAsync(
                new DuckDbStoreOptions { DataDirectory = Path.Combine(options.DataDirectory, "traces"), Retention = options.Retention },
                options.TimeProvider,
                loggerFactory.CreateLogger("Fluoro.Storage.DuckDb"),
                cancellationToken);

            var xrayDirectory = Path.Combine(options.DataDirectory, "xray");
            Directory.CreateDirectory(xrayDirectory);
            var samplingRules = await SamplingRuleService.CreateAsync(
                new FileSamplingRuleRepository(Path.Combine(xrayDirectory, "sampling-rules.json")),
                options.TimeProvider,
                new SamplingRuleServiceOptions { Region = options.Region },
                cancellationToken);

            var ingest = new DeferredSegmentIngest();
            var sampling = new DeferredSamplingApi();
            daemon = await XRayDaemon.StartAsync(
                new DaemonOptions
                {
                    UdpEndpoint = options.DaemonEndpoint,
                    BufferMemoryMb = options.DaemonBufferMb,
                    BatchSize = options.DaemonBatchSize,
                    FlushInterval = options.DaemonFlushInterval,
                },
                ingest,
                sampling,
                options.TimeProvider,
                loggerFactory,
                cancellationToken);

            for (var attempt = 1; ; attempt++)
            {
                var httpEndpoint = options.HttpEndpoint.Port == 0 ? ReserveFreePort(options.HttpEndpoint.Address) : options.HttpEndpoint;
                var app = Build(options, httpEndpoint, store, daemon, samplingRules, keys, consoleToken, configureLogging);
                try
                {
                    await app.StartAsync(cancellationToken);
                }
                catch (IOException) when (options.HttpEndpoint.Port == 0 && attempt < PortAttempts)
                {
                    await AbandonAsync(app);
                    continue;
                }
                catch
                {
                    await AbandonAsync(app);
                    throw;
                }

                ingest.SetTarget(app.Services.GetRequiredService<ISegmentIngest>());
                sampling.SetTarget(app.Services.GetRequiredService<ISamplingApi>());
                var server = new FluoroServer(options, app, daemon, store, BaseUrl(httpEndpoint), consoleToken, loggerFactory);
                var edgeText = server.HttpEndpoint.ToString();
                var daemonText = server.DaemonAddress;
                Log.Ready(server._logger, Version, edgeText, daemonText, options.DataDirectory);
                return server;
            }
        }
        catch
        {
            if (daemon is not null)
            {
                await daemon.DisposeAsync();
            }

            if (store is not null)
            {
                await store.DisposeAsync();
            }

            loggerFactory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops in the order that loses nothing: the edge port and functions first (their last segments still reach the
    /// daemon), then the daemon drains its buffer into the store, then the store flushes and closes.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        Log.Stopping(_logger);
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _daemon.StopAsync();
        await _app.DisposeAsync();
        await _daemon.DisposeAsync();
        try
        {
            await _purgeLoop;
        }
        catch (OperationCanceledException)
        {
        }

        await _store.DisposeAsync();
        Log.Stopped(_logger);
        _loggerFactory.Dispose();
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    private static WebApplication Build(
        FluoroServerOptions options,
        IPEndPoint httpEndpoint,
        ITraceStore store,
        XRayDaemon daemon,
        SamplingRuleService samplingRules,
        AccessKeyStore? keys,
        string? consoleToken,
        Action<ILoggingBuilder> configureLogging)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FluoroServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(httpEndpoint);
            kestrel.AddServerHeader = false;

            // Lambda deployment packages arrive base64-encoded inside JSON (50 MB zip ≈ 70 MB body).
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
        });
        builder.Logging.ClearProviders();
        configureLogging(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton<ITraceStore>(store);
        builder.Services.AddSingleton(daemon);
        AddXRayServices(builder.Services, options, samplingRules);
        var edge = BaseUrl(httpEndpoint);

        // Active tracing decides by the same X-Ray sampling rules that `aws xray create-sampling-rule` edits.
        builder.Services.AddSingleton<ILambdaSampler>(new RuleBasedLambdaSampler(samplingRules, options.TimeProvider));
        builder.Services.AddFluoroLambda(lambda =>
        {
            lambda.DataDirectory = Path.Combine(options.DataDirectory, "lambda");
            lambda.DaemonEndpoint = daemon.UdpEndpoint;
            lambda.EdgeBaseUrl = edge;
            lambda.Region = options.Region;
        });

        var app = builder.Build();
        app.UseAwsRequestIds();
        var consoleSessions = consoleToken is null ? null : new ConsoleSessions(consoleToken, httpEndpoint.Port, options.TimeProvider);
        if (keys is not null)
        {
            app.UseMiddleware<SigV4AuthenticationMiddleware>(new SigV4AuthenticationOptions(keys)
            {
                IsExempt = IsUnsignedPath,
                IsAuthenticatedOtherwise = request => consoleSessions is not null && consoleSessions.IsAuthenticated(request),
            });
        }

        app.MapGet("/_fluoro/health", (HttpContext context) =>
        {
            var server = context.RequestServices.GetRequiredService<XRayDaemon>();
            var body = HealthReport.Write(
                edge,
                store,
                server,
                context.RequestServices.GetService<IngestCounters>(),
                context.RequestServices.GetService<ApiCounters>(),
                options.Retention);
            return Results.Bytes(body, "application/json");
        });
        app.MapFluoroXRayApi();
        app.MapFluoroLambda();
        app.MapFluoroConsole();
        app.MapFluoroConsoleLogin(consoleSessions);
        return app;
    }

    /// <summary>The X-Ray domain and API services, with their state files under <c>&lt;data&gt;/xray</c>.</summary>
    private static void AddXRayServices(IServiceCollection services, FluoroServerOptions options, SamplingRuleService samplingRules)
    {
        var xrayDirectory = Path.Combine(options.DataDirectory, "xray");
        services.AddSingleton(new GroupService(new GroupServiceOptions
        {
            FilePath = Path.Combine(xrayDirectory, "groups.json"),
            Region = options.Region,
        }));
        services.AddSingleton<IGroupFilterResolver>(sp => sp.GetRequiredService<GroupService>());
        services.AddSingleton<IResourceTagger>(sp => sp.GetRequiredService<GroupService>());
        services.AddSingleton<IResourceTagger>(new SamplingRuleTagger(samplingRules));
        services.AddFluoroXRay();
        // Per-minute service-graph rollups live in their own file beside the trace store (derived data, see DuckDbGraphRollupStore).
        services.AddSingleton(_ => DuckDbGraphRollupStore.Open(Path.Combine(options.DataDirectory, "traces")));
        services.AddSingleton(sp => new ServiceGraphRollup(
            sp.GetRequiredService<ITraceReader>(),
            sp.GetRequiredService<DuckDbGraphRollupStore>(),
            options.TimeProvider,
            sp.GetService<ILogger<ServiceGraphRollup>>()));
        services.AddHostedService<GraphRollupHostedService>();
        services.AddSingleton<IServiceGraphQueries>(sp => new ServiceGraphService(
            sp.GetRequiredService<ITraceReader>(),
            sp.GetService<ITraceFilterCompiler>(),
            sp.GetRequiredService<GroupService>(),
            sp.GetRequiredService<DuckDbGraphRollupStore>()));
        services.AddSingleton(sp => new XRayAccountSettings(Path.Combine(xrayDirectory, "account.json"), options.TimeProvider));
        services.AddSingleton<TelemetryRecordLog>();
        services.AddSingleton(sp => new TraceRetrievalService(sp.GetRequiredService<ITraceReader>(), options.TimeProvider));
        services.AddSingleton(samplingRules);
        services.AddSingleton<ISamplingApi>(new SamplingRuleServiceApi(samplingRules));
        foreach (var operation in SamplingOperation.All())
        {
            services.AddSingleton(operation);
        }

        services.AddFluoroXRayApi();
    }

    /// <summary>
    /// Paths that never carry AWS signatures: health, the console's files and sign-in routes, the Lambda Runtime API
    /// used by functions, and function URLs (AuthType NONE means anyone may call them, as on AWS).
    /// </summary>
    private static bool IsUnsignedPath(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/_fluoro") || path.StartsWithSegments("/2018-06-01/runtime") || path.StartsWithSegments("/lambda-url"))
        {
            return true;
        }

        if (path == "/login" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method)))
        {
            return true;
        }

        if (path == "/logout" && HttpMethods.IsPost(request.Method))
        {
            return true;
        }

        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && (path == "/" || path == "/index.html" || path == "/favicon.ico" || path.StartsWithSegments("/console"));
    }

    /// <summary>
    /// Tears down a host whose start failed (e.g. the edge port is taken). Hosted services that already started, such
    /// as the graph rollup loop, are stopped before the container disposes what they use.
    /// </summary>
    private static async Task AbandonAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
        }

        await app.DisposeAsync();
    }

    private static string ConsoleToken(FluoroServerOptions options)
    {
        if (options.ConsoleToken is null)
        {
            return ConsoleSessions.NewToken();
        }

        return ConsoleSessions.IsAcceptableToken(options.ConsoleToken)
            ? options.ConsoleToken
            : throw new FluoroConfigurationException("The console token needs at least 16 characters from A-Z, a-z, 0-9, '-' and '_'.");
    }

    private static AccessKeyStore? LoadKeys(FluoroServerOptions options)
    {
        if (options.AuthKeysFile is null)
        {
            return null;
        }

        if (!File.Exists(options.AuthKeysFile))
        {
            throw new FluoroConfigurationException($"--auth-keys: file '{options.AuthKeysFile}' does not exist.");
        }

        try
        {
            return AccessKeyStore.Load(options.AuthKeysFile);
        }
        catch (FormatException ex)
        {
            throw new FluoroConfigurationException("--auth-keys: " + ex.Message);
        }
    }

    private static void CheckBindings(FluoroServerOptions options, AccessKeyStore? keys)
    {
        if (keys is not null)
        {
            return;
        }

        if (!IPAddress.IsLoopback(options.HttpEndpoint.Address))
        {
            throw new FluoroConfigurationException(
                $"Refusing to serve the AWS APIs on {options.HttpEndpoint} without authentication. " +
                "Bind to 127.0.0.1, or pass --auth-keys FILE (lines of 'ACCESS_KEY_ID SECRET') so requests must be signed.");
        }

        if (!IPAddress.IsLoopback(options.DaemonEndpoint.Address))
        {
            throw new FluoroConfigurationException(
                $"Refusing to open the daemon on {options.DaemonEndpoint} without authentication. " +
                "Bind to 127.0.0.1, or pass --auth-keys FILE to acknowledge a non-loopback deployment.");
        }
    }

    private async Task PurgeLoopAsync(CancellationToken cancellationToken)
    {
        // A short first delay keeps startup fast; then purge on a fixed cadence.
        var delay = TimeSpan.FromMinutes(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(delay, _options.TimeProvider, cancellationToken);
            delay = _options.PurgeInterval;
            try
            {
                var cutoff = (_options.TimeProvider.GetUtcNow() - _options.Retention).ToUnixTimeMilliseconds() / 1000.0;
                var removed = await _store.PurgeAsync(cutoff, cancellationToken);
                if (removed > 0)
                {
                    Log.Purged(_logger, removed, _options.Retention);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.PurgeFailed(_logger, ex);
            }
        }
    }

    private static IPEndPoint ReserveFreePort(IPAddress address)
    {
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(address, 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }

    private static Uri BaseUrl(IPEndPoint endpoint)
    {
        var host = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
        return new Uri($"http://{host}:{endpoint.Port}/");
    }

    private static void DefaultLogging(ILoggingBuilder logging)
    {
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
    }
}
