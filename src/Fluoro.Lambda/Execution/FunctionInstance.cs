using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Fluoro.Lambda.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluoro.Lambda.Execution;

/// <summary>
/// One execution environment: a child process running the function's runtime in its own working
/// directory, plus a private Runtime API listener on 127.0.0.1 that only this process knows about, so an
/// instance can only ever see its own invocations.
/// </summary>
internal sealed class FunctionInstance : IAsyncDisposable
{
    /// <summary>6 MiB + 100 bytes, Lambda's synchronous payload limit.</summary>
    public const int MaxPayloadBytes = (6 * 1024 * 1024) + 100;

    private const string ApiPrefix = "/2018-06-01/runtime/";

    private readonly RuntimeLaunch _launch;
    private readonly LambdaOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Invocation> _dispatch = Channel.CreateBounded<Invocation>(1);
    private readonly TaskCompletionSource<ReadyState> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly InvocationLog _initLog;
    private WebApplication? _api;
    private Process? _process;
    private Invocation? _current;
    private RuntimeOutcome? _initError;
    private bool _initDone;
    private int _stopped;
    private long _peakMemory;
    private Task _pumps = Task.CompletedTask;

    public FunctionInstance(FunctionVersion config, RuntimeLaunch launch, LambdaOptions options, ILogger logger, TimeProvider time)
    {
        Config = config;
        _launch = launch;
        _options = options;
        _logger = logger;
        _time = time;
        _initLog = new InvocationLog(options.MaxLogBytesPerInvocation);
        Id = Guid.NewGuid().ToString("N");
        LastUsed = time.GetUtcNow();
    }

    public string Id { get; }

    public FunctionVersion Config { get; }

    public DateTimeOffset InitStart { get; private set; }

    public DateTimeOffset InitEnd { get; private set; }

    public DateTimeOffset LastUsed { get; set; }

    public bool IsDead => Volatile.Read(ref _stopped) != 0;

    /// <summary>Peak resident memory of the runtime process (Linux VmHWM), for the REPORT line.</summary>
    public long PeakMemoryBytes
    {
        get
        {
            try
            {
                if (_process is { HasExited: false } process)
                {
                    process.Refresh();
                    _peakMemory = Math.Max(_peakMemory, process.PeakWorkingSet64);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the read.
            }

            return _peakMemory;
        }
    }

    /// <summary>Output written during init, handed to the first invocation's log.</summary>
    public InvocationLog InitLog => _initLog;

    /// <summary>The error that ended init, when <see cref="WaitReadyAsync"/> did not answer Ready.</summary>
    public RuntimeOutcome? InitError => _initError;

    /// <summary>Raised when the runtime asks for work again after an invocation (the instance is idle).</summary>
    public event Action<FunctionInstance>? BecameIdle;

    /// <summary>Raised once when the instance stops for any reason.</summary>
    public event Action<FunctionInstance>? Stopped;

    public async Task StartAsync(string codeZipPath)
    {
        InitStart = _time.GetUtcNow();
        var workDir = Path.Combine(_launch.InstancesDirectory, Id);
        try
        {
            Directory.CreateDirectory(workDir);

            // The code is unpacked while the Runtime API listener starts: both are on the cold-start path.
            var api = Task.Run(StartRuntimeApiAsync);
            try
            {
                await Task.Run(() => ZipFile.ExtractToDirectory(codeZipPath, workDir, overwriteFiles: true));
            }
            finally
            {
                // Kept even when unpacking failed, so stopping the instance stops the listener too.
                _api = await api;
            }

            var resolved = _launch.Resolve(workDir);
            if (resolved.EntrypointError is { } entryError)
            {
                FailInit(RuntimeOutcome.Platform(OutcomeKind.InitError, "Runtime.InvalidEntrypoint", entryError), "invalid entrypoint");
                return;
            }

            var runtimeApi = RuntimeApiAddress(await api);
            var psi = new ProcessStartInfo(resolved.FileName)
            {
                WorkingDirectory = workDir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var arg in resolved.Arguments)
            {
                psi.ArgumentList.Add(arg);
            }

            psi.Environment.Clear();
            foreach (var (key, value) in _launch.BuildEnvironment(workDir, runtimeApi))
            {
                psi.Environment[key] = value;
            }

            var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            process.Start();
            _process = process;
            process.StandardInput.Close();
            _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
            _ = WatchExitAsync(process);
            LambdaLog.InstanceStarted(_logger, Id, Config.FunctionName, Config.Runtime, process.Id, runtimeApi);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            LambdaLog.InstanceStartFailed(_logger, Id, ex);
            FailInit(RuntimeOutcome.Platform(OutcomeKind.InitError, "Runtime.InvalidEntrypoint", $"RequestId: n/a Error: could not start the runtime: {ex.Message}"), "start failed");
        }
    }

    /// <summary>Waits for the runtime's first <c>/next</c> (Ready), an init error, an exit, or the init limit.</summary>
    public async Task<ReadyState> WaitReadyAsync(TimeSpan limit)
    {
        var timeout = Task.Delay(limit, _time);
        var done = await Task.WhenAny(_ready.Task, timeout);
        if (done == _ready.Task)
        {
            return await _ready.Task;
        }

        FailInit(RuntimeOutcome.Platform(OutcomeKind.InitError, "Runtime.Unknown", $"Init timed out after {limit.TotalSeconds:0.00} seconds"), "init timed out");
        return ReadyState.TimedOut;
    }

    /// <summary>Hands an invocation to the runtime's pending (or next) <c>/next</c> call.</summary>
    public bool Dispatch(Invocation invocation) => !IsDead && _dispatch.Writer.TryWrite(invocation);

    public void Kill(string reason) => _ = StopAsync(reason);

    public async Task StopAsync(string reason)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        Invocation? current;
        lock (_gate)
        {
            current = _current;
            _current = null;
        }

        current?.OverheadEnd.TrySetResult(now);
        current?.Outcome.TrySetResult(RuntimeOutcome.Platform(OutcomeKind.Crash, "Runtime.ExitError", $"RequestId: {current.RequestId} Error: Runtime exited ({reason})"));
        _initError ??= RuntimeOutcome.Platform(OutcomeKind.InitError, "Runtime.ExitError", $"RequestId: n/a Error: Runtime exited before it was ready ({reason})");
        _ready.TrySetResult(ReadyState.Exited);
        _dispatch.Writer.TryComplete();
        await _lifetime.CancelAsync();
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        if (_api is not null)
        {
            try
            {
                using var stopToken = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _api.StopAsync(stopToken.Token);
                await _api.DisposeAsync();
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                // Shutdown is best effort; the port is released with the process anyway.
            }
        }

        try
        {
            Directory.Delete(Path.Combine(_launch.InstancesDirectory, Id), recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held open; the data directory sweep at startup clears it.
        }

        LambdaLog.InstanceStopped(_logger, Id, Config.FunctionName, reason);
        Stopped?.Invoke(this);
    }

    public ValueTask DisposeAsync() => new(StopAsync("disposed"));

    private void FailInit(RuntimeOutcome outcome, string reason)
    {
        _initError ??= outcome;
        _ready.TrySetResult(ReadyState.InitError);
        Kill(reason);
    }

    private async Task WatchExitAsync(Process process)
    {
        try
        {
            await process.WaitForExitAsync();
            var code = process.ExitCode;

            // Let the last output (often the reason it exited) reach the log before anyone reads it.
            await Task.WhenAny(_pumps, Task.Delay(TimeSpan.FromSeconds(1), _time, CancellationToken.None));
            if (!IsDead)
            {
                _initError ??= RuntimeOutcome.Platform(OutcomeKind.InitError, "Runtime.ExitError", $"RequestId: n/a Error: Runtime exited with error: exit status {code}");
                Invocation? current;
                lock (_gate)
                {
                    current = _current;
                }

                current?.Outcome.TrySetResult(RuntimeOutcome.Platform(OutcomeKind.Crash, "Runtime.ExitError", $"RequestId: {current.RequestId} Error: Runtime exited with error: exit status {code}"));
                await StopAsync($"exit status {code}");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException)
        {
            await StopAsync("lost process");
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        // Read in bounded chunks, not lines, so a flood without newlines cannot grow a line without limit.
        var buffer = new char[8192];
        var line = new StringBuilder();
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var c = buffer[i];
                    if (c == '\n' || line.Length >= 16 * 1024)
                    {
                        Emit(line.ToString());
                        line.Clear();
                        if (c == '\n')
                        {
                            continue;
                        }
                    }

                    if (c != '\r')
                    {
                        line.Append(c);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The process went away.
        }

        if (line.Length > 0)
        {
            Emit(line.ToString());
        }
    }

    private void Emit(string line)
    {
        Invocation? current;
        lock (_gate)
        {
            current = _current;
        }

        (current?.Log ?? _initLog).AppendLine(line);
    }

    private async Task<WebApplication> StartRuntimeApiAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromHours(1);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(_lifetime.Token);
        return app;
    }

    private static string RuntimeApiAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Authority;
    }

    private async Task HandleAsync(HttpContext context)
    {
        try
        {
            var path = context.Request.Path.Value ?? "";
            var method = context.Request.Method;
            if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            {
                await WriteErrorAsync(context, 404, "NotFound", "Unknown path " + path);
                return;
            }

            var rest = path[ApiPrefix.Length..];
            if (rest == "invocation/next" && HttpMethods.IsGet(method))
            {
                await NextAsync(context);
            }
            else if (rest == "init/error" && HttpMethods.IsPost(method))
            {
                await InitErrorAsync(context);
            }
            else if (rest.StartsWith("invocation/", StringComparison.Ordinal) && HttpMethods.IsPost(method))
            {
                var tail = rest["invocation/".Length..];
                var slash = tail.LastIndexOf('/');
                if (slash <= 0)
                {
                    await WriteErrorAsync(context, 404, "NotFound", "Unknown path " + path);
                    return;
                }

                var requestId = tail[..slash];
                var verb = tail[(slash + 1)..];
                if (verb is "response" or "error")
                {
                    await ResultAsync(context, requestId, verb == "error");
                }
                else
                {
                    await WriteErrorAsync(context, 404, "NotFound", "Unknown path " + path);
                }
            }
            else
            {
                await WriteErrorAsync(context, 405, "MethodNotAllowed", $"{method} {path} is not supported");
            }
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or BadHttpRequestException)
        {
            LambdaLog.RuntimeApiFailed(_logger, Id, ex);
            context.Abort();
        }
    }

    private async Task NextAsync(HttpContext context)
    {
        var now = _time.GetUtcNow();
        Invocation? finished = null;
        var first = false;
        var busy = false;
        lock (_gate)
        {
            if (_current is { } current)
            {
                if (current.Outcome.Task.IsCompleted)
                {
                    finished = current;
                    _current = null;
                }
                else
                {
                    busy = true;
                }
            }

            if (!busy && !_initDone)
            {
                _initDone = true;
                InitEnd = now;
                first = true;
            }
        }

        if (busy)
        {
            await WriteErrorAsync(context, 403, "InvalidStateTransition", "State transition from Running to Ready failed for runtime. Error: the current invocation has no response yet");
            return;
        }

        if (first)
        {
            _ready.TrySetResult(ReadyState.Ready);
        }

        if (finished is not null)
        {
            LastUsed = now;
            finished.OverheadEnd.TrySetResult(now);
            BecameIdle?.Invoke(this);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _lifetime.Token);
        Invocation invocation;
        try
        {
            invocation = await _dispatch.Reader.ReadAsync(linked.Token);
        }
        catch (ChannelClosedException)
        {
            context.Abort();
            return;
        }

        lock (_gate)
        {
            _current = invocation;
        }

        invocation.ReleasedAt = _time.GetUtcNow();
        var headers = context.Response.Headers;
        context.Response.StatusCode = 200;
        context.Response.ContentType = invocation.ContentType;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.DeadlineUnixMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.InvokedFunctionArn;
        if (!string.IsNullOrEmpty(invocation.RuntimeTraceHeader))
        {
            headers["Lambda-Runtime-Trace-Id"] = invocation.RuntimeTraceHeader;
        }

        if (!string.IsNullOrEmpty(invocation.ClientContext))
        {
            headers["Lambda-Runtime-Client-Context"] = invocation.ClientContext;
        }

        if (!string.IsNullOrEmpty(invocation.CognitoIdentity))
        {
            headers["Lambda-Runtime-Cognito-Identity"] = invocation.CognitoIdentity;
        }

        context.Response.ContentLength = invocation.Payload.Length;
        await context.Response.Body.WriteAsync(invocation.Payload, _lifetime.Token);
    }

    private async Task ResultAsync(HttpContext context, string requestId, bool isError)
    {
        Invocation? current;
        lock (_gate)
        {
            current = _current;
        }

        if (current is null || current.RequestId != requestId)
        {
            await WriteErrorAsync(context, 400, "InvalidRequestID", "Invalid request ID");
            return;
        }

        if (current.Outcome.Task.IsCompleted)
        {
            await WriteErrorAsync(context, 403, "InvalidStateTransition", "State transition from RuntimeResponseSent to InvocationResponse failed for runtime. Error: response already sent");
            return;
        }

        var body = await ReadBoundedAsync(context.Request, MaxPayloadBytes);
        var now = _time.GetUtcNow();
        if (body is null)
        {
            current.RespondedAt = now;
            current.Outcome.TrySetResult(RuntimeOutcome.Platform(OutcomeKind.FunctionError, "Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size (6291556 bytes)."));
            await WriteErrorAsync(context, 413, "RequestEntityTooLarge", "Exceeded maximum allowed payload size (6291556 bytes).");
            return;
        }

        current.RespondedAt = now;
        if (!isError)
        {
            current.Outcome.TrySetResult(new RuntimeOutcome(OutcomeKind.Success, body));
        }
        else
        {
            var (errorBody, cause) = SplitErrorCause(context.Request, body);
            var type = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
            current.Outcome.TrySetResult(new RuntimeOutcome(OutcomeKind.FunctionError, errorBody, type.Length == 0 ? null : type, cause));
        }

        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"status\":\"OK\"}");
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        var body = await ReadBoundedAsync(context.Request, MaxPayloadBytes) ?? "{\"errorType\":\"Runtime.Unknown\",\"errorMessage\":\"init error too large\"}"u8.ToArray();
        var (errorBody, cause) = SplitErrorCause(context.Request, body);
        var type = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        _initError = new RuntimeOutcome(OutcomeKind.InitError, errorBody, type.Length == 0 ? "Runtime.Unknown" : type, cause);
        lock (_gate)
        {
            _initDone = true;
            InitEnd = _time.GetUtcNow();
        }

        _ready.TrySetResult(ReadyState.InitError);
        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"status\":\"OK\"}");
    }

    /// <summary>
    /// The X-Ray cause comes either in a header or embedded as <c>errorCause</c> in a body of content type
    /// <c>application/vnd.aws.lambda.error.cause+json</c>; in the second case it is removed from the body.
    /// </summary>
    private static (byte[] Body, string? Cause) SplitErrorCause(HttpRequest request, byte[] body)
    {
        var header = request.Headers["Lambda-Runtime-Function-XRay-Error-Cause"].ToString();
        string? cause = header.Length > 0 ? header : null;
        if (request.ContentType?.StartsWith("application/vnd.aws.lambda.error.cause+json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("errorCause", out var embedded))
                {
                    cause ??= embedded.GetRawText();
                    using var stream = new MemoryStream();
                    using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
                    {
                        writer.WriteStartObject();
                        foreach (var property in doc.RootElement.EnumerateObject())
                        {
                            if (property.NameEquals("errorCause"))
                            {
                                continue;
                            }

                            property.WriteTo(writer);
                        }

                        writer.WriteEndObject();
                    }

                    body = stream.ToArray();
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON: keep the body as the runtime sent it.
            }
        }

        return (body, cause);
    }

    /// <summary>Reads a body up to <paramref name="limit"/> bytes; null when it is larger.</summary>
    internal static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is > 0 and var n ? (int)n : 256);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", message);
            writer.WriteString("errorType", type);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(stream.ToArray());
    }
}
