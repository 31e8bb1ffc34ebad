using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>
/// The HTTP side of the Runtime API (2018-06-01) over one keep-alive loopback connection. A small HTTP/1.1 client
/// rather than <see cref="System.Net.Http.HttpClient"/>: its first request costs a .NET function's cold start
/// about 100 ms of JIT, and the Runtime API needs only GET/POST with Content-Length or chunked bodies. The
/// <c>/next</c> poll has no timeout by design. Failures to reach the API are <see cref="HttpRequestException"/>.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";
    private const int MaxHeaderBytes = 64 * 1024;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly string _host;
    private readonly int _port;
    private readonly string _authority;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NetworkStream? _stream;
    private byte[] _buffer = new byte[8 * 1024];
    private int _start;
    private int _end;

    /// <summary>Connects to <paramref name="endpoint"/> (host:port), or <c>AWS_LAMBDA_RUNTIME_API</c> when null.</summary>
    public RuntimeApiClient(string? endpoint = null)
    {
        endpoint ??= Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
            ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set.");
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _port))
        {
            throw new InvalidOperationException($"AWS_LAMBDA_RUNTIME_API '{endpoint}' is not host:port.");
        }

        _host = endpoint[..colon].Trim('[', ']');
        _authority = endpoint;
    }

    /// <summary>Waits for the next event.</summary>
    public async Task<InvocationRequest> NextAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync("GET", "invocation/next", null, null, null, cancellationToken);
        if (response.Status is < 200 or > 299)
        {
            throw new HttpRequestException($"The Runtime API answered /next with {response.Status}.", null, (HttpStatusCode)response.Status);
        }

        return new InvocationRequest
        {
            RequestId = response.Header("Lambda-Runtime-Aws-Request-Id") ?? throw new InvalidOperationException("The Runtime API sent no request id."),
            DeadlineUnixMs = long.TryParse(response.Header("Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 0,
            InvokedFunctionArn = response.Header("Lambda-Runtime-Invoked-Function-Arn") ?? "",
            TraceId = response.Header("Lambda-Runtime-Trace-Id"),
            ClientContext = response.Header("Lambda-Runtime-Client-Context"),
            CognitoIdentity = response.Header("Lambda-Runtime-Cognito-Identity"),
            Payload = response.Body,
        };
    }

    /// <summary>Posts a handler's result.</summary>
    public async Task SendResponseAsync(string requestId, byte[] body, CancellationToken cancellationToken = default) =>
        await SendAsync("POST", $"invocation/{requestId}/response", body, "application/json", null, cancellationToken);

    /// <summary>Posts a handler's failure.</summary>
    public Task SendErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken = default) =>
        PostErrorAsync($"invocation/{requestId}/error", exception, exception.GetType().Name, cancellationToken);

    /// <summary>Reports a failure during init; the runtime should exit afterwards.</summary>
    public Task SendInitErrorAsync(Exception exception, string errorType, CancellationToken cancellationToken = default) =>
        PostErrorAsync("init/error", exception, errorType, cancellationToken);

    private async Task PostErrorAsync(string path, Exception exception, string errorType, CancellationToken cancellationToken)
    {
        var headers = new List<(string, string)> { ("Lambda-Runtime-Function-Error-Type", errorType) };
        var cause = ErrorDocuments.XRayCause(exception);
        if (Encoding.UTF8.GetByteCount(cause) < 64 * 1024)
        {
            headers.Add(("Lambda-Runtime-Function-XRay-Error-Cause", cause));
        }

        await SendAsync("POST", path, ErrorDocuments.Body(exception, errorType), "application/vnd.aws.lambda.error+json", headers, cancellationToken);
    }

    private async Task<Response> SendAsync(string method, string path, byte[]? body, string? contentType,
        List<(string Name, string Value)>? headers, CancellationToken cancellationToken)
    {
        var request = BuildRequest(method, path, body, contentType, headers);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var reused = _stream is not null;
                try
                {
                    var stream = await ConnectAsync(cancellationToken);
                    await stream.WriteAsync(request, cancellationToken);
                    return await ReadResponseAsync(stream, method, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // The exchange stopped part-way: the connection's state is unknown.
                    Close();
                    throw;
                }
                catch (Exception ex) when (ex is IOException or SocketException)
                {
                    Close();

                    // A kept-alive connection the server has since closed: one retry on a fresh one.
                    if (!reused || attempt > 0)
                    {
                        throw new HttpRequestException($"The Runtime API at {_authority} could not be reached: {ex.Message}", ex);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private byte[] BuildRequest(string method, string path, byte[]? body, string? contentType, List<(string Name, string Value)>? headers)
    {
        var head = new StringBuilder(256)
            .Append(method).Append(' ').Append(Prefix).Append(path).Append(" HTTP/1.1\r\nHost: ").Append(_authority)
            .Append("\r\nUser-Agent: fluoro-lambda-dotnet/1.0\r\n");
        if (body is not null)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\nContent-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        foreach (var (name, value) in headers ?? [])
        {
            // Header values cannot carry line breaks; the cause is JSON, so they would only come from odd exception text.
            head.Append(name).Append(": ").Append(value.Replace('\r', ' ').Replace('\n', ' ')).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        if (body is null || body.Length == 0)
        {
            return headBytes;
        }

        var request = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(request, 0);
        body.CopyTo(request, headBytes.Length);
        return request;
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            return _stream;
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (IPAddress.TryParse(_host, out var address))
            {
                await socket.ConnectAsync(new IPEndPoint(address, _port), cancellationToken);
            }
            else
            {
                await socket.ConnectAsync(_host, _port, cancellationToken);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _stream = new NetworkStream(socket, ownsSocket: true);
        _start = _end = 0;
        return _stream;
    }

    private async Task<Response> ReadResponseAsync(NetworkStream stream, string method, CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            if (_end - _start >= MaxHeaderBytes)
            {
                throw new IOException("The Runtime API sent more than 64 KB of headers.");
            }

            await FillAsync(stream, cancellationToken);
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd);
        _start += headerEnd + HeaderEnd.Length;
        var lines = head.Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException($"The Runtime API sent an invalid status line: {lines[0]}");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        byte[] body;
        var close = headers.TryGetValue("Connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase);
        if (method == "HEAD" || status is 204 or 304 || status < 200)
        {
            body = [];
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(stream, cancellationToken);
        }
        else if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw new IOException($"The Runtime API sent an invalid Content-Length: {lengthText}");
            }

            body = new byte[length];
            await ReadExactlyAsync(stream, body, cancellationToken);
        }
        else
        {
            body = await ReadToEndAsync(stream, cancellationToken);
            close = true;
        }

        if (close)
        {
            Close();
        }

        return new Response(status, headers, body);
    }

    private async Task<byte[]> ReadChunkedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(stream, cancellationToken);
            var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            if (!int.TryParse(semicolon >= 0 ? sizeLine[..semicolon] : sizeLine, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new IOException($"The Runtime API sent an invalid chunk size: {sizeLine}");
            }

            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while ((await ReadLineAsync(stream, cancellationToken)).Length > 0)
                {
                }

                return body.ToArray();
            }

            var chunk = new byte[size];
            await ReadExactlyAsync(stream, chunk, cancellationToken);
            body.Write(chunk);
            await ReadLineAsync(stream, cancellationToken);
        }
    }

    private async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        int newline;
        while ((newline = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeaderBytes)
            {
                throw new IOException("The Runtime API sent an overlong line.");
            }

            await FillAsync(stream, cancellationToken);
        }

        var line = Encoding.ASCII.GetString(_buffer, _start, newline);
        _start += newline + 2;
        return line;
    }

    private async Task ReadExactlyAsync(NetworkStream stream, byte[] target, CancellationToken cancellationToken)
    {
        var buffered = Math.Min(_end - _start, target.Length);
        Buffer.BlockCopy(_buffer, _start, target, 0, buffered);
        _start += buffered;
        if (buffered < target.Length)
        {
            await stream.ReadExactlyAsync(target.AsMemory(buffered), cancellationToken);
        }
    }

    private async Task<byte[]> ReadToEndAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        body.Write(_buffer, _start, _end - _start);
        _start = _end = 0;
        await stream.CopyToAsync(body, cancellationToken);
        return body.ToArray();
    }

    /// <summary>Reads more bytes after the unread ones, compacting or growing the buffer as needed.</summary>
    private async Task FillAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            throw new IOException("The Runtime API closed the connection.");
        }

        _end += read;
    }

    private void Close()
    {
        _stream?.Dispose();
        _stream = null;
        _start = _end = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        _gate.Dispose();
    }

    private sealed record Response(int Status, Dictionary<string, string> Headers, byte[] Body)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }
}
