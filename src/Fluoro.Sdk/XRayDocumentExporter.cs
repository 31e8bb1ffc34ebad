using System.Diagnostics;

namespace Fluoro.Sdk;

/// <summary>
/// Serializes finished Activities into X-Ray documents and streams them to the daemon over UDP. Used by
/// <see cref="FluoroTracer"/> and by the OpenTelemetry exporter; never blocks and never throws into the caller.
/// </summary>
public sealed class XRayDocumentExporter : IAsyncDisposable
{
    private readonly SegmentDocumentSerializer _serializer;
    private readonly UdpDocumentSender _sender;

    /// <summary>Creates an exporter for the daemon and service described by <paramref name="options"/>.</summary>
    public XRayDocumentExporter(FluoroTracingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _serializer = new SegmentDocumentSerializer(options);
        _sender = new UdpDocumentSender(FluoroTracer.Resolve(options.Daemon.Udp), options.MaxQueuedDocuments, _serializer)
        {
            Discard = options.DiscardDocuments,
        };
    }

    /// <summary>Documents handed to the socket.</summary>
    public long DocumentsSent => _sender.Sent;

    /// <summary>Documents dropped because the send queue was full.</summary>
    public long DocumentsDropped => _sender.Dropped;

    /// <summary>Documents trimmed to fit one datagram.</summary>
    public long DocumentsTrimmed => Interlocked.Read(ref _serializer.Trimmed);

    /// <summary>Entities taken off the queue and let go unsent (<see cref="FluoroTracingOptions.DiscardDocuments"/>).</summary>
    internal long DocumentsDiscarded => _sender.Discarded;

    /// <summary>Documents that could not be serialized or sent (reported through the <c>Fluoro-Sdk</c> EventSource).</summary>
    public long DocumentsFailed => _sender.Failed;

    /// <summary>
    /// Queues one finished, recorded Activity; it is serialized and sent on the background sender. Returns false when
    /// the queue was full and the entity was dropped (and counted).
    /// </summary>
    public bool Export(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return _sender.Enqueue(activity);
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until queued documents are sent.</summary>
    public Task FlushAsync(TimeSpan timeout) => _sender.FlushAsync(timeout);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _sender.FlushAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await _sender.DisposeAsync().ConfigureAwait(false);
    }
}
