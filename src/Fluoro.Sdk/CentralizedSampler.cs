using System.Net;
using Fluoro.Sampling;

namespace Fluoro.Sdk;

/// <summary>
/// X-Ray sampling with rules from the daemon: fetches GetSamplingRules at start and every five minutes, reports
/// statistics and applies targets (quota, fixed rate, boosts) every ten seconds through the daemon's TCP endpoint,
/// and matches requests by rule priority with <c>*</c>/<c>?</c> wildcards. Until rules arrive, or while the daemon is
/// unreachable, the local rules decide (the SDK default: one request per second, then 5 %). Built on
/// <see cref="Fluoro.Sampling.Sampler"/> and <see cref="SamplingPoller"/>; a decision takes a short lock and
/// allocates nothing.
/// </summary>
public sealed class CentralizedSampler : ISampler, IAsyncDisposable, IDisposable
{
    private readonly HttpClient? _http;
    private readonly SamplingPoller _poller;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _disposed;

    /// <summary>Creates a sampler that polls the daemon's TCP endpoint at <paramref name="daemon"/>.</summary>
    /// <param name="daemon">The daemon; its <see cref="DaemonAddress.Tcp"/> half serves the sampling calls.</param>
    /// <param name="localRules">Rules used until centralized rules arrive; the SDK default when null.</param>
    /// <param name="timeProvider">Clock for reservoirs, quotas and the poll cadence.</param>
    /// <param name="pollerOptions">Poll cadence; the SDKs' (5 min rules, 10 s targets) when null.</param>
    public CentralizedSampler(DaemonAddress daemon, LocalSamplingRules? localRules = null, TimeProvider? timeProvider = null, SamplingPollerOptions? pollerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(daemon);
        timeProvider ??= TimeProvider.System;
        Rules = new Sampler(timeProvider, new SamplerOptions { LocalRules = localRules });

        // The poller's own calls must never be traced (they would sample themselves) nor carry trace headers.
        _http = new HttpClient(new SocketsHttpHandler
        {
            ActivityHeadersPropagator = null,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        })
        { Timeout = TimeSpan.FromSeconds(5) };
        _poller = new SamplingPoller(Rules, new HttpSamplingRulesSource(_http, BaseAddress(daemon.Tcp)), timeProvider, pollerOptions);
    }

    /// <summary>Creates a sampler fed by any rules source (the service in-process, a test double, another transport).</summary>
    public CentralizedSampler(ISamplingRulesSource source, LocalSamplingRules? localRules = null, TimeProvider? timeProvider = null, SamplingPollerOptions? pollerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        timeProvider ??= TimeProvider.System;
        Rules = new Sampler(timeProvider, new SamplerOptions { LocalRules = localRules });
        _poller = new SamplingPoller(Rules, source, timeProvider, pollerOptions);
    }

    /// <summary>The rule state: centralized rules in use, their names, this process's client id.</summary>
    public Sampler Rules { get; }

    /// <summary>Calls to the daemon that failed since start (each is retried on the next turn).</summary>
    public long PollFailures => _poller.Failures;

    /// <summary>Starts polling in the background; called by the tracer. Calling it again does nothing.</summary>
    public void Start()
    {
        if (_loop is not null || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        // Not under the caller's Activity: the loop lives as long as the tracer, not as the code that started it.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(() => _poller.RunAsync(_stop.Token));
        }
    }

    /// <summary>Fetches rules and reports statistics now if due (what the background loop does each turn).</summary>
    public Task<TimeSpan> PollOnceAsync(CancellationToken cancellationToken = default) => _poller.PollOnceAsync(cancellationToken);

    /// <inheritdoc/>
    public bool ShouldSample(in SamplingRequest request)
        => Rules.ShouldSample(new Fluoro.Sampling.SamplingRequest(request.ServiceName, request.ServiceType, request.Host, request.HttpMethod, request.UrlPath)).Sampled;

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
        _http?.Dispose();
    }

    private static Uri BaseAddress(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip => new Uri($"http://{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip.Address}]" : ip.Address.ToString())}:{ip.Port}/"),
        DnsEndPoint dns => new Uri($"http://{dns.Host}:{dns.Port}/"),
        _ => new Uri("http://127.0.0.1:2000/"),
    };
}
