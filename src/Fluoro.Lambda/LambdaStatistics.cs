using Fluoro.Lambda.Execution;
using Fluoro.Lambda.Storage;
using Fluoro.Lambda.Tracing;

namespace Fluoro.Lambda;

/// <summary>Counters a health endpoint can show: work done and everything dropped or throttled.</summary>
public sealed class LambdaStatistics
{
    private readonly FunctionRuntime _runtime;
    private readonly EventQueue _events;
    private readonly FunctionLogs _logs;
    private readonly FunctionStore _store;
    private readonly SegmentEmitter _emitter;

    internal LambdaStatistics(FunctionRuntime runtime, EventQueue events, FunctionLogs logs, FunctionStore store, SegmentEmitter emitter)
    {
        _runtime = runtime;
        _events = events;
        _logs = logs;
        _store = store;
        _emitter = emitter;
    }

    /// <summary>Functions stored.</summary>
    public int Functions => _store.Count;

    /// <summary>Running function instances.</summary>
    public int Instances => _runtime.InstanceCount;

    /// <summary>Invocations run (attempts included).</summary>
    public long Invocations => _runtime.Invocations;

    /// <summary>Invokes answered 429 because the function was at its concurrency limit.</summary>
    public long Throttles => _runtime.Throttles;

    /// <summary>Invocations that hit their timeout.</summary>
    public long Timeouts => _runtime.Timeouts;

    /// <summary>Event invocations waiting.</summary>
    public int EventsQueued => _events.Queued;

    /// <summary>Event invokes refused because the queue was full.</summary>
    public long EventsRejected => _events.Rejected;

    /// <summary>Event invocations that failed all their attempts.</summary>
    public long EventsFailed => _events.Failed;

    /// <summary>Invocation logs dropped from the per-function ring.</summary>
    public long LogsDropped => _logs.Dropped;

    /// <summary>Lambda segment documents sent to the daemon.</summary>
    public long SegmentsSent => _emitter.Sent;

    /// <summary>Lambda segment documents that could not be sent.</summary>
    public long SegmentsDropped => _emitter.Dropped;

    /// <summary>Function files that could not be read at startup.</summary>
    public int StoreLoadFailures => _store.LoadFailures;
}
