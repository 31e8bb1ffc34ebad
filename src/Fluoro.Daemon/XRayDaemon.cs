using System.Net;
using System.Net.Sockets;
using Fluoro.Api;
using Fluoro.Api.Sampling;
using Fluoro.XRay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluoro.Daemon;

/// <summary>
/// The X-Ray daemon as a library: segment datagrams on UDP, the SDKs' sampling calls on TCP (same port by default),
/// a bounded buffer and batches handed to an <see cref="ISegmentIngest"/> — the local store in <c>fluoro up</c>, a
/// remote Fluoro in <c>fluoro daemon --endpoint</c>.
/// </summary>
public sealed class XRayDaemon : IAsyncDisposable
{
    private const int PortAttempts = 20;

    private readonly UdpSegmentReceiver _receiver;
    private readonly SegmentQueue _queue;
    private readonly SegmentBatcher _batcher;
    private readonly Task _batcherTask;
    private readonly WebApplication? _tcp;
    private readonly ILogger _logger;
    private int _stopped;

    private XRayDaemon(UdpSegmentReceiver receiver, SegmentQueue queue, SegmentBatcher batcher, WebApplication? tcp, IPEndPoint? tcpEndpoint, DaemonCounters counters, ILogger logger)
    {
        _receiver = receiver;
        _queue = queue;
        _batcher = batcher;
        _tcp = tcp;
        TcpEndpoint = tcpEndpoint;
        Counters = counters;
        _logger = logger;
        _batcherTask = Task.Run(_batcher.RunAsync);
        _receiver.Start();
    }

    /// <summary>The bound UDP address.</summary>
    public IPEndPoint UdpEndpoint => _receiver.LocalEndPoint;

    /// <summary>The bound TCP address of the sampling endpoints, or null when TCP is off.</summary>
    public IPEndPoint? TcpEndpoint { get; }

    /// <summary>The daemon's counters.</summary>
    public DaemonCounters Counters { get; }

    /// <summary>Documents waiting to be handed to the ingest service.</summary>
    public int QueuedDocuments => _queue.Count;

    /// <summary>Buffer memory held by waiting documents.</summary>
    public long QueuedBytes => _queue.Bytes;

    /// <summary>The value for <c>AWS_XRAY_DAEMON_ADDRESS</c>.</summary>
    public string DaemonAddress => TcpEndpoint is null || TcpEndpoint.Equals(UdpEndpoint)
        ? UdpEndpoint.ToString()
        : $"tcp:{TcpEndpoint} udp:{UdpEndpoint}";

    /// <summary>Binds the sockets and starts receiving.</summary>
    public static async Task<XRayDaemon> StartAsync(
        DaemonOptions options,
        ISegmentIngest ingest,
        ISamplingApi sampling,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(sampling);
        time ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Fluoro.Daemon");
        var counters = new DaemonCounters();
        var queue = new SegmentQueue((long)Math.Max(1, options.BufferMemoryMb) * 1024 * 1024, Math.Max(1, options.MaxQueuedDocuments), counters);

        var followUdpPort = options.EnableTcp && options.TcpEndpoint is null && options.UdpEndpoint.Port == 0;
        for (var attempt = 1; ; attempt++)
        {
            var receiver = new UdpSegmentReceiver(options.UdpEndpoint, options, queue, counters, logger);
            WebApplication? tcp = null;
            IPEndPoint? tcpEndpoint = null;
            try
            {
                if (options.EnableTcp)
                {
                    var wanted = options.TcpEndpoint ?? new IPEndPoint(options.UdpEndpoint.Address, receiver.LocalEndPoint.Port);
                    (tcp, tcpEndpoint) = await StartTcpAsync(wanted, sampling, time, loggerFactory, cancellationToken);
                }
            }
            catch (IOException ex) when (followUdpPort && attempt < PortAttempts && IsAddressInUse(ex))
            {
                // The free UDP port is taken on TCP; try another pair.
                receiver.Dispose();
                continue;
            }
            catch
            {
                receiver.Dispose();
                throw;
            }

            var batcher = new SegmentBatcher(queue, ingest, options, counters, time, logger);
            var daemon = new XRayDaemon(receiver, queue, batcher, tcp, tcpEndpoint, counters, logger);
            var tcpText = tcpEndpoint is null ? "off" : tcpEndpoint.ToString();
            Log.Started(logger, daemon.UdpEndpoint, tcpText, options.BufferMemoryMb);
            return daemon;
        }
    }

    /// <summary>Stops reading, sends everything already queued to the ingest service, then stops TCP.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _receiver.Stop();
        _batcher.RequestStop();
        await _batcherTask;
        if (_tcp is not null)
        {
            await _tcp.StopAsync();
            await _tcp.DisposeAsync();
        }

        _queue.Clear();
        Log.Stopped(_logger, Counters.Received, Counters.Rejected, Counters.Dropped, Counters.Stored);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _receiver.Dispose();
    }

    /// <summary>Feeds one datagram as if it came from the socket (benchmarks measure the pipeline without the kernel).</summary>
    internal void AcceptDatagram(ReadOnlySpan<byte> datagram) => _receiver.Accept(datagram);

    private static async Task<(WebApplication App, IPEndPoint Endpoint)> StartTcpAsync(
        IPEndPoint endpoint, ISamplingApi sampling, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(XRayDaemon).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(endpoint);
            kestrel.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(sampling);
        builder.Services.AddSingleton<ApiCounters>();
        var app = builder.Build();
        app.UseAwsRequestIds();
        app.MapXRaySamplingApi();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        return (app, new IPEndPoint(endpoint.Address, port));
    }

    private static bool IsAddressInUse(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return ex.GetType().Name == "AddressInUseException";
    }
}
