using Fluoro.Storage;
using Fluoro.Tracing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluoro.XRay;

/// <summary>
/// Validates segment documents and commits the valid ones in one store write per call. A top-level JSON array of
/// subsegments counts as several documents. Bad documents come back as <see cref="UnprocessedTraceSegment"/>s and
/// never fail the call; a store failure does propagate (the caller answers 5xx / counts a drop).
/// </summary>
public sealed class SegmentIngestService : ISegmentIngest
{
    private readonly ITraceWriter _writer;
    private readonly IngestCounters _counters;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the service over a store writer.</summary>
    public SegmentIngestService(ITraceWriter writer, IngestCounters counters, TimeProvider timeProvider, ILogger<SegmentIngestService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _writer = writer;
        _counters = counters;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public async ValueTask<IngestResult> IngestAsync(IReadOnlyList<ReadOnlyMemory<byte>> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var receivedTime = EpochSeconds(_timeProvider.GetUtcNow());
        var records = new List<SegmentRecord>(documents.Count);
        List<UnprocessedTraceSegment>? unprocessed = null;
        var annotationsDropped = 0;

        foreach (var received in documents)
        {
            foreach (var document in SegmentDocumentReader.Split(received))
            {
                var result = SegmentDocumentReader.Read(document.Span);
                if (!result.IsValid)
                {
                    var error = result.Error;
                    (unprocessed ??= []).Add(new UnprocessedTraceSegment(error.Id, error.ErrorCode, error.Message));
                    SegmentIngestLog.DocumentRejected(_logger, error.Id, error.ErrorCode);
                    continue;
                }

                annotationsDropped += result.Fields.DroppedAnnotations;
                records.Add(ToRecord(result.Fields, document, receivedTime));
            }
        }

        if (records.Count > 0)
        {
            try
            {
                await _writer.WriteAsync(records, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _counters.AddStoreFailure();
                SegmentIngestLog.StoreFailed(_logger, records.Count, ex);
                throw;
            }
        }

        IReadOnlyList<UnprocessedTraceSegment> rejected = (IReadOnlyList<UnprocessedTraceSegment>?)unprocessed ?? [];
        _counters.AddBatch(records.Count, rejected, annotationsDropped);
        return new IngestResult(records.Count, rejected);
    }

    /// <summary>Builds the store record for a validated document.</summary>
    internal static SegmentRecord ToRecord(SegmentDocumentFields fields, ReadOnlyMemory<byte> document, double receivedTime)
    {
        AnnotationValue[] annotations = fields.Annotations.Count == 0 ? [] : new AnnotationValue[fields.Annotations.Count];
        for (var i = 0; i < annotations.Length; i++)
        {
            var a = fields.Annotations[i];
            annotations[i] = new AnnotationValue(a.Key, a.StringValue, a.NumberValue, a.BooleanValue);
        }

        return new SegmentRecord
        {
            TraceId = fields.TraceId,
            Id = fields.Id,
            ParentId = fields.ParentId,
            IsSubsegment = fields.IsSubsegment,
            Name = fields.Name,
            Origin = fields.Origin,
            StartTime = fields.StartTime,
            EndTime = fields.EndTime,
            InProgress = fields.InProgress,
            Document = document,
            ReceivedTime = receivedTime,
            Index = new SegmentIndexFields
            {
                HasFault = fields.HasFault,
                HasError = fields.HasError,
                HasThrottle = fields.HasThrottle,
                Fault = fields.Fault,
                Error = fields.Error,
                Throttle = fields.Throttle,
                HttpStatus = fields.HttpStatus,
                HttpMethod = fields.HttpMethod,
                HttpUrl = fields.HttpUrl,
                HttpUserAgent = fields.HttpUserAgent,
                HttpClientIp = fields.HttpClientIp,
                User = fields.User,
                ResourceArn = fields.ResourceArn,
                AccountId = fields.AccountId,
                InstanceId = fields.InstanceId,
                AvailabilityZone = fields.AvailabilityZone,
                DownstreamNames = fields.DownstreamNames,
                Annotations = annotations,
            },
        };
    }

    internal static double EpochSeconds(DateTimeOffset time)
        => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
}
