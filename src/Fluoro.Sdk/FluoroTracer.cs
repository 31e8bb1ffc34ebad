using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Fluoro.Sdk;

/// <summary>
/// A running tracer: listens to Activities, decides sampling for entry points, and streams every recorded entity to
/// the X-Ray daemon over UDP. Dispose to flush and stop. One per process is the normal case.
/// </summary>
public sealed class FluoroTracer : IDisposable, IAsyncDisposable
{
    private readonly FluoroTracingOptions _options;
    private readonly ActivityListener _listener;
    private readonly XRayDocumentExporter _exporter;
    private readonly HashSet<string>? _sources;
    private readonly ISampler _sampler;
    private readonly CentralizedSampler? _ownedSampler;
    private int _disposed;

    internal FluoroTracer(FluoroTracingOptions options)
    {
        _options = options;
        _exporter = new XRayDocumentExporter(options);
        if (options.Sampler is { } sampler)
        {
            _sampler = sampler;
        }
        else
        {
            _ownedSampler = new CentralizedSampler(options.Daemon, options.LocalSamplingRules, options.TimeProvider);
            _sampler = _ownedSampler;
            if (options.CentralizedSampling && !options.LambdaMode)
            {
                _ownedSampler.Start();
            }
        }

        if (options.ActivitySourceNames is { } names)
        {
            _sources = new HashSet<string>(names, StringComparer.Ordinal) { XRay.ActivitySourceName };
        }

        XRay.LambdaMode = options.LambdaMode;
        XRay.ContextMissing = options.ContextMissing;
        _listener = new ActivityListener
        {
            // By default every source is recorded except .NET's experimental connection-level ones (socket connects,
            // DNS lookups), which describe plumbing rather than the requests users trace.
            ShouldListenTo = source => _sources is null
                ? !source.Name.StartsWith("Experimental.", StringComparison.Ordinal)
                : _sources.Contains(source.Name),
            Sample = Sample,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The sampler deciding for requests that arrive without a decision.</summary>
    public ISampler Sampler => _sampler;

    /// <summary>Documents handed to the socket.</summary>
    public long DocumentsSent => _exporter.DocumentsSent;

    /// <summary>Documents that could not be serialized or sent.</summary>
    public long DocumentsFailed => _exporter.DocumentsFailed;

    /// <summary>Documents dropped because the send queue was full.</summary>
    public long DocumentsDropped => _exporter.DocumentsDropped;

    /// <summary>Entities let go unsent by a benchmark's discarding tracer.</summary>
    internal long DocumentsDiscarded => _exporter.DocumentsDiscarded;

    /// <summary>Documents trimmed to fit one datagram (metadata or stacks removed).</summary>
    public long DocumentsTrimmed => _exporter.DocumentsTrimmed;

    /// <summary>Waits (up to <paramref name="timeout"/>) until queued documents are sent.</summary>
    public Task FlushAsync(TimeSpan? timeout = null) => _exporter.FlushAsync(timeout ?? TimeSpan.FromSeconds(5));

    private ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> creation)
    {
        var parent = creation.Parent;
        if (parent != default && !(parent.IsRemote && parent.TraceState == XRayPropagator.UndecidedTraceState))
        {
            return (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0
                ? ActivitySamplingResult.AllDataAndRecorded
                : ActivitySamplingResult.PropagationData;
        }

        if (creation.Kind is ActivityKind.Client or ActivityKind.Producer)
        {
            // An outgoing call outside any segment has nothing to belong to (the X-Ray SDKs' "context missing"):
            // create nothing, so no header forces a decision on the callee either.
            return ActivitySamplingResult.None;
        }

        if (_options.LambdaMode)
        {
            // In Lambda the decision is Lambda's; an entity without the invocation's parent is never sent.
            return ActivitySamplingResult.PropagationData;
        }

        var request = new SamplingRequest(_options.ServiceName, _options.Origin, FindTag(creation, "server.address"),
            FindTag(creation, "http.request.method"), FindTag(creation, "url.path"));
        return _sampler.ShouldSample(request)
            ? ActivitySamplingResult.AllDataAndRecorded
            : ActivitySamplingResult.PropagationData;
    }

    private static string? FindTag(in ActivityCreationOptions<ActivityContext> creation, string key)
    {
        if (creation.Tags is null)
        {
            return null;
        }

        foreach (var tag in creation.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }

    private void OnStopped(Activity activity)
    {
        if (!activity.Recorded || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        _exporter.Export(activity);
    }

    internal static EndPoint Resolve(EndPoint endPoint)
    {
        if (endPoint is not DnsEndPoint dns)
        {
            return endPoint;
        }

        var addresses = Dns.GetHostAddresses(dns.Host);
        var address = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault() ?? IPAddress.Loopback;
        return new IPEndPoint(address, dns.Port);
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener.Dispose();
        if (_ownedSampler is not null)
        {
            await _ownedSampler.DisposeAsync().ConfigureAwait(false);
        }

        await _exporter.DisposeAsync().ConfigureAwait(false);
    }
}
