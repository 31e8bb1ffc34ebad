using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Fluoro.Lambda.Storage;
using Fluoro.Lambda.Tracing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fluoro.Lambda.Execution;

/// <summary>
/// Runs invocations: picks or starts an instance, hands the event over its Runtime API, enforces the
/// timeout, composes the log, and sends Lambda's own X-Ray segments for traced invocations.
/// </summary>
internal sealed class FunctionRuntime : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, InstancePool> _pools = new(StringComparer.Ordinal);
    private readonly LambdaOptions _options;
    private readonly FunctionStore _store;
    private readonly SegmentEmitter _emitter;
    private readonly ILambdaSampler _sampler;
    private readonly FunctionLogs _logs;
    private readonly ILogger<FunctionRuntime> _logger;
    private readonly TimeProvider _time;
    private readonly string _instancesDirectory;
    private readonly string _dotnetRuntimeConfig;
    private ITimer? _reaper;
    private long _invocations;
    private long _throttles;
    private long _timeouts;

    public FunctionRuntime(LambdaOptions options, FunctionStore store, SegmentEmitter emitter, ILambdaSampler sampler,
        FunctionLogs logs, ILogger<FunctionRuntime> logger, TimeProvider time)
    {
        _options = options;
        _store = store;
        _emitter = emitter;
        _sampler = sampler;
        _logs = logs;
        _logger = logger;
        _time = time;
        _instancesDirectory = Path.Combine(store.RootDirectory, "instances");
        try
        {
            // Instances of a previous run that did not stop cleanly.
            if (Directory.Exists(_instancesDirectory))
            {
                Directory.Delete(_instancesDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort.
        }

        Directory.CreateDirectory(_instancesDirectory);
        _dotnetRuntimeConfig = Path.Combine(store.RootDirectory, "fluoro-dotnet.runtimeconfig.json");
        var version = Environment.Version;
        var tfm = string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}");
        File.WriteAllText(_dotnetRuntimeConfig,
            "{\"runtimeOptions\":{\"tfm\":\"net" + tfm + "\",\"rollForward\":\"LatestMinor\",\"framework\":{\"name\":\"Microsoft.NETCore.App\",\"version\":\"" + tfm
            + ".0\"},\"configProperties\":{\"System.Globalization.Invariant\":true}}}");
    }

    public long Invocations => Interlocked.Read(ref _invocations);

    public long Throttles => Interlocked.Read(ref _throttles);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public int InstanceCount => _pools.Values.Sum(p => p.Count);

    public SegmentEmitter Emitter => _emitter;

    public string FunctionArn(string name) => $"arn:aws:lambda:{_options.Region}:{_options.AccountId}:function:{name}";

    public string VersionArn(FunctionVersion config) =>
        config.Version == "$LATEST" ? FunctionArn(config.FunctionName) : FunctionArn(config.FunctionName) + ":" + config.Version;

    public InvocationTrace DecideTrace(FunctionVersion config, string? incomingHeader, DateTimeOffset now) =>
        InvocationTrace.Decide(incomingHeader, config.TracingMode == "Active",
            () => _sampler.ShouldSample(new LambdaSamplingRequest(config.FunctionName, "AWS::Lambda", FunctionArn(config.FunctionName), now)), _time);

    /// <summary>Stops every instance of a function (after a code or configuration change, or delete).</summary>
    public void Retire(string functionName)
    {
        foreach (var (key, pool) in _pools)
        {
            if (key.StartsWith(functionName + ":", StringComparison.Ordinal) && _pools.TryRemove(key, out _))
            {
                pool.Retire();
            }
        }
    }

    /// <summary>Runs one synchronous invocation (or one attempt of an asynchronous one).</summary>
    /// <param name="request">What to run.</param>
    /// <param name="requestId">The request id the function sees.</param>
    /// <param name="trace">The invoke's tracing decision.</param>
    /// <param name="attempt">Ids for this attempt's function segment.</param>
    /// <param name="functionParent">Parent of the function segment: the service segment, or an Attempt subsegment.</param>
    /// <param name="allowWait">False for reserved concurrency: throttle at once instead of queueing.</param>
    /// <param name="cancellationToken">Cancels waiting for an instance.</param>
    public async Task<InvokeResult> RunAsync(InvokeRequest request, string requestId, InvocationTrace trace, AttemptTrace attempt,
        Fluoro.Tracing.SegmentId functionParent, CancellationToken cancellationToken)
    {
        var config = request.Config;
        var reserved = request.Entry.ReservedConcurrency;
        var pool = _pools.GetOrAdd($"{config.FunctionName}:{config.Version}:{config.RevisionId}",
            key => new InstancePool(key, () => CreateInstance(config), reserved ?? _options.DefaultConcurrencyLimit));
        if (reserved is { } limit)
        {
            pool.Limit = limit;
        }

        var wait = reserved is null ? _options.ThrottleWait : TimeSpan.Zero;
        var lease = reserved == 0 ? null : await pool.AcquireAsync(wait, _time, cancellationToken);
        if (lease is not { } acquired)
        {
            Interlocked.Increment(ref _throttles);
            return new InvokeResult(requestId, null, "", Throttled: true);
        }

        Interlocked.Increment(ref _invocations);
        var instance = acquired.Instance;
        var log = new InvocationLog(_options.MaxLogBytesPerInvocation);
        var spans = new List<PlatformSpan>(3);
        var functionStart = _time.GetUtcNow();
        TimeSpan? initDuration = null;
        if (acquired.Cold)
        {
            await instance.StartAsync(_store.CodePathFor(config.CodeSha256));
            var state = await instance.WaitReadyAsync(_options.InitTimeout);
            var initEnd = state == ReadyState.Ready ? instance.InitEnd : _time.GetUtcNow();
            functionStart = instance.InitStart;
            initDuration = initEnd - instance.InitStart;
            spans.Add(new PlatformSpan(attempt.InitializationId, "Initialization", instance.InitStart, initEnd, state != ReadyState.Ready));
            foreach (var line in instance.InitLog.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                log.AppendLine(line);
            }

            if (state != ReadyState.Ready)
            {
                var initOutcome = instance.InitError ?? RuntimeOutcome.Platform(OutcomeKind.InitError, "Runtime.Unknown", "Init failed");
                instance.Kill("init failed");
                var end = _time.GetUtcNow();
                var text = ComposeLog(config, requestId, log, initEnd, end, initDuration, trace, attempt, initOutcome, null);
                EmitFunctionSegment(request, trace, attempt, functionParent, functionStart, end, spans, initOutcome);
                return new InvokeResult(requestId, initOutcome, text);
            }
        }

        var dispatchedAt = _time.GetUtcNow();
        var timeout = TimeSpan.FromSeconds(config.Timeout);
        var invocation = new Invocation
        {
            RequestId = requestId,
            Payload = request.Payload,
            InvokedFunctionArn = request.InvokedArn,
            DeadlineUnixMs = (dispatchedAt + timeout).ToUnixTimeMilliseconds(),
            RuntimeTraceHeader = trace.RuntimeHeader(attempt.InvocationId),
            ClientContext = request.ClientContext,
            Log = log,
        };

        RuntimeOutcome outcome;
        if (!instance.Dispatch(invocation))
        {
            outcome = RuntimeOutcome.Platform(OutcomeKind.Crash, "Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited before the invocation");
            invocation.ReleasedAt = invocation.RespondedAt = dispatchedAt;
            invocation.OverheadEnd.TrySetResult(dispatchedAt);
        }
        else
        {
            using var timer = new CancellationTokenSource();
            var delay = Task.Delay(timeout, _time, timer.Token);
            var done = await Task.WhenAny(invocation.Outcome.Task, delay);
            if (done == invocation.Outcome.Task)
            {
                await timer.CancelAsync();
                outcome = await invocation.Outcome.Task;
            }
            else
            {
                Interlocked.Increment(ref _timeouts);
                var now = _time.GetUtcNow();
                var seconds = (now - dispatchedAt).TotalSeconds;
                var message = string.Create(CultureInfo.InvariantCulture, $"{now:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {requestId} Task timed out after {seconds:0.00} seconds");
                outcome = RuntimeOutcome.Platform(OutcomeKind.Timeout, "Sandbox.Timedout", message);
                invocation.Outcome.TrySetResult(outcome);
                invocation.RespondedAt = now;
                if (invocation.ReleasedAt == default)
                {
                    invocation.ReleasedAt = dispatchedAt;
                }

                log.AppendLine(message);
                await instance.StopAsync("timeout");
            }
        }

        if (outcome.Kind == OutcomeKind.Crash)
        {
            invocation.RespondedAt = invocation.RespondedAt == default ? _time.GetUtcNow() : invocation.RespondedAt;
            if (invocation.ReleasedAt == default)
            {
                invocation.ReleasedAt = dispatchedAt;
            }
        }

        if (outcome.Kind is OutcomeKind.Success or OutcomeKind.FunctionError)
        {
            pool.NoteFinishing(instance);
        }

        if (trace.Sampled)
        {
            _ = FinishTraceAsync(request, trace, attempt, functionParent, functionStart, spans, invocation, outcome);
        }

        // The log is complete once the runtime asks for its next event: only a caller that reads the log (LogType
        // Tail) waits for that; everyone else gets the response now and the log is kept when it is complete.
        var logDone = FinishLogAsync(config, requestId, log, invocation, initDuration, trace, attempt, outcome, instance);
        var textLog = request.WaitForLog ? await logDone : "";
        return new InvokeResult(requestId, outcome, textLog);
    }

    private async Task<string> FinishLogAsync(FunctionVersion config, string requestId, InvocationLog log, Invocation invocation,
        TimeSpan? initDuration, InvocationTrace trace, AttemptTrace attempt, RuntimeOutcome outcome, FunctionInstance instance)
    {
        // Output written just before the response is still in the pipe; the runtime's next /next (or a
        // short grace) marks the point where it has been read.
        if (!invocation.OverheadEnd.Task.IsCompleted)
        {
            await Task.WhenAny(invocation.OverheadEnd.Task, Task.Delay(TimeSpan.FromMilliseconds(20), _time, CancellationToken.None));
        }

        var textLog = ComposeLog(config, requestId, log, invocation.ReleasedAt, invocation.RespondedAt, initDuration, trace, attempt, outcome, instance);
        _logs.Add(config.FunctionName, new LogRecord(invocation.ReleasedAt, requestId, textLog));
        return textLog;
    }

    private async Task FinishTraceAsync(InvokeRequest request, InvocationTrace trace, AttemptTrace attempt, Fluoro.Tracing.SegmentId parent,
        DateTimeOffset functionStart, List<PlatformSpan> spans, Invocation invocation, RuntimeOutcome outcome)
    {
        try
        {
            // Overhead ends when the runtime asks for the next event; a runtime that never does is cut off.
            var overheadEnd = await invocation.OverheadEnd.Task.WaitAsync(TimeSpan.FromSeconds(5), _time, CancellationToken.None);
            spans.Add(new PlatformSpan(attempt.InvocationId, "Invocation", invocation.ReleasedAt, invocation.RespondedAt, outcome.IsError));
            spans.Add(new PlatformSpan(attempt.OverheadId, "Overhead", invocation.RespondedAt, overheadEnd));
            EmitFunctionSegment(request, trace, attempt, parent, functionStart, overheadEnd, spans, outcome);
        }
        catch (TimeoutException)
        {
            var end = _time.GetUtcNow();
            spans.Add(new PlatformSpan(attempt.InvocationId, "Invocation", invocation.ReleasedAt, invocation.RespondedAt, outcome.IsError));
            spans.Add(new PlatformSpan(attempt.OverheadId, "Overhead", invocation.RespondedAt, end));
            EmitFunctionSegment(request, trace, attempt, parent, functionStart, end, spans, outcome);
        }
    }

    private void EmitFunctionSegment(InvokeRequest request, InvocationTrace trace, AttemptTrace attempt, Fluoro.Tracing.SegmentId parent,
        DateTimeOffset start, DateTimeOffset end, List<PlatformSpan> spans, RuntimeOutcome outcome)
    {
        if (!trace.Sampled)
        {
            return;
        }

        var (type, message) = ReadError(outcome);
        var data = new FunctionSegmentData
        {
            Id = attempt.FunctionSegmentId,
            ParentId = parent,
            FunctionName = request.Config.FunctionName,
            FunctionArn = VersionArn(request.Config),
            AccountId = _options.AccountId,
            Start = start,
            End = end,
            Subsegments = spans,
            Fault = outcome.IsError,
            CauseJson = outcome.XRayCause,
            CauseType = outcome.ErrorType ?? type,
            CauseMessage = message,
        };
        _emitter.Send(LambdaSegments.Function(trace, data));
    }

    /// <summary>Sends the AWS::Lambda service segment.</summary>
    public void EmitServiceSegment(InvocationTrace trace, FunctionVersion config, string requestId, int status,
        DateTimeOffset start, DateTimeOffset end, IReadOnlyList<PlatformSpan> subsegments)
    {
        if (trace.Sampled)
        {
            _emitter.Send(LambdaSegments.Service(trace, config.FunctionName, FunctionArn(config.FunctionName), requestId, status, start, end, subsegments));
        }
    }

    internal static (string? Type, string? Message) ReadError(RuntimeOutcome outcome)
    {
        if (!outcome.IsError)
        {
            return (null, null);
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(outcome.Body);
            var root = doc.RootElement;
            if (root.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                var type = root.TryGetProperty("errorType", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null;
                var message = root.TryGetProperty("errorMessage", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String ? m.GetString() : null;
                return (type, message);
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON; fall through.
        }

        return (outcome.ErrorType, Encoding.UTF8.GetString(outcome.Body.AsSpan(0, Math.Min(outcome.Body.Length, 1024))));
    }

    private string ComposeLog(FunctionVersion config, string requestId, InvocationLog log, DateTimeOffset start, DateTimeOffset end,
        TimeSpan? initDuration, InvocationTrace trace, AttemptTrace attempt, RuntimeOutcome outcome, FunctionInstance? instance)
    {
        var duration = Math.Max(0, (end - start).TotalMilliseconds);
        var builder = new StringBuilder(256);
        var inv = CultureInfo.InvariantCulture;
        builder.Append(inv, $"START RequestId: {requestId} Version: {config.Version}\n");
        builder.Append(log.ToString());
        if (outcome.Kind is OutcomeKind.InitError or OutcomeKind.Crash)
        {
            var (type, message) = ReadError(outcome);
            builder.Append(inv, $"{end:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {requestId} {type}: {message}\n");
        }

        builder.Append(inv, $"END RequestId: {requestId}\n");
        builder.Append(inv, $"REPORT RequestId: {requestId}\tDuration: {duration:0.00} ms\tBilled Duration: {Math.Ceiling(duration):0} ms\tMemory Size: {config.MemorySize} MB\tMax Memory Used: {MaxMemoryMb(instance)} MB");
        if (initDuration is { } init)
        {
            builder.Append(inv, $"\tInit Duration: {init.TotalMilliseconds:0.00} ms");
        }

        if (outcome.Kind == OutcomeKind.Timeout)
        {
            builder.Append("\tStatus: timeout");
        }

        builder.Append('\n');
        if (trace.Sampled)
        {
            builder.Append(inv, $"XRAY TraceId: {trace.Root}\tSegmentId: {attempt.FunctionSegmentId}\tSampled: true\n");
        }

        return builder.ToString();
    }

    private static long MaxMemoryMb(FunctionInstance? instance) => instance?.PeakMemoryBytes is { } bytes and > 0 ? Math.Max(1, bytes / (1024 * 1024)) : 0;

    private FunctionInstance CreateInstance(FunctionVersion config)
    {
        var launch = new RuntimeLaunch(config, VersionArn(config), _options, _instancesDirectory, _dotnetRuntimeConfig, _time);
        return new FunctionInstance(config, launch, _options, _logger, _time);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var period = _options.IdleTimeout < TimeSpan.FromSeconds(30) ? _options.IdleTimeout : TimeSpan.FromSeconds(30);
        _reaper = _time.CreateTimer(_ => Reap(), null, period, period);
        return Task.CompletedTask;
    }

    private void Reap()
    {
        var cutoff = _time.GetUtcNow() - _options.IdleTimeout;
        foreach (var pool in _pools.Values)
        {
            pool.Reap(cutoff);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        _reaper?.Dispose();
        var pools = _pools.Values.ToList();
        _pools.Clear();
        await Task.WhenAll(pools.Select(p => p.StopAllAsync()));
    }
}
