using System.Threading.Channels;
using Fluoro.Lambda.Tracing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fluoro.Lambda.Execution;

/// <summary>
/// Asynchronous (<c>Event</c>) invocations: a bounded queue, up to three attempts each (retried on a
/// function error), every attempt traced as an <c>Attempt #n</c> subsegment of the service segment, with a
/// <c>Dwell Time</c> subsegment for the time spent queued.
/// </summary>
internal sealed class EventQueue : BackgroundService
{
    private const int MaxAttempts = 3;
    private readonly Channel<EventInvocation> _queue;
    private readonly FunctionRuntime _runtime;
    private readonly LambdaOptions _options;
    private readonly ILogger<EventQueue> _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _running = new(64);
    private long _rejected;
    private long _failed;

    public EventQueue(FunctionRuntime runtime, LambdaOptions options, ILogger<EventQueue> logger, TimeProvider time)
    {
        _runtime = runtime;
        _options = options;
        _logger = logger;
        _time = time;
        _queue = Channel.CreateBounded<EventInvocation>(new BoundedChannelOptions(Math.Max(1, options.EventQueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Failed => Interlocked.Read(ref _failed);

    public int Queued => _queue.Reader.Count;

    public bool TryEnqueue(EventInvocation invocation)
    {
        if (_queue.Writer.TryWrite(invocation))
        {
            return true;
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await _running.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(item, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LambdaLog.BackgroundFailed(_logger, ex);
                    }
                    finally
                    {
                        _running.Release();
                    }
                }, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down; queued events are lost like an instance that stops.
        }
    }

    private async Task RunAsync(EventInvocation item, CancellationToken cancellationToken)
    {
        var spans = new List<PlatformSpan>();
        var firstDispatch = _time.GetUtcNow();
        spans.Add(new PlatformSpan(Fluoro.Tracing.SegmentId.NewId(), "Dwell Time", item.ReceivedAt, firstDispatch));
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var ids = new AttemptTrace();
            var start = _time.GetUtcNow();
            InvokeResult result;
            do
            {
                result = await _runtime.RunAsync(item.Request, item.RequestId, item.Trace, ids, ids.AttemptSubsegmentId, cancellationToken);
                if (result.Throttled)
                {
                    // Throttles are retried with backoff, as Lambda does, without using up an attempt.
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken);
                }
            }
            while (result.Throttled);

            var failed = result.Outcome?.IsError ?? true;
            spans.Add(new PlatformSpan(ids.AttemptSubsegmentId, $"Attempt #{attempt}", start, _time.GetUtcNow(), failed));
            if (!failed)
            {
                break;
            }

            LambdaLog.EventAttemptFailed(_logger, item.RequestId, item.Request.Config.FunctionName, attempt);
            if (attempt == MaxAttempts)
            {
                Interlocked.Increment(ref _failed);
                break;
            }

            var delays = _options.EventRetryDelays;
            var delay = delays.Count == 0 ? TimeSpan.Zero : delays[Math.Min(attempt - 1, delays.Count - 1)];
            await Task.Delay(delay, _time, cancellationToken);
        }

        _runtime.EmitServiceSegment(item.Trace, item.Request.Config, item.RequestId, 202, item.ReceivedAt, item.AcceptedAt, spans);
    }
}
