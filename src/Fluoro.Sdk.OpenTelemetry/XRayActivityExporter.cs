using System.Diagnostics;
using OpenTelemetry;

namespace Fluoro.Sdk.OpenTelemetry;

/// <summary>An OpenTelemetry exporter that streams each finished span to the X-Ray daemon as one segment document.</summary>
public sealed class XRayActivityExporter : BaseExporter<Activity>
{
    private readonly XRayDocumentExporter _exporter;

    /// <summary>Creates the exporter.</summary>
    public XRayActivityExporter(FluoroTracingOptions options) => _exporter = new XRayDocumentExporter(options);

    /// <summary>Documents dropped because the send queue was full.</summary>
    public long DocumentsDropped => _exporter.DocumentsDropped;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var result = ExportResult.Success;
        foreach (var activity in batch)
        {
            if (!_exporter.Export(activity))
            {
                result = ExportResult.Failure;
            }
        }

        return result;
    }

    /// <inheritdoc/>
    protected override bool OnForceFlush(int timeoutMilliseconds)
    {
        _exporter.FlushAsync(TimeSpan.FromMilliseconds(timeoutMilliseconds < 0 ? 5000 : timeoutMilliseconds)).GetAwaiter().GetResult();
        return true;
    }

    /// <inheritdoc/>
    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        _exporter.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return true;
    }
}
