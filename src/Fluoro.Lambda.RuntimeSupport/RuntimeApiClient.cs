using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Fluoro.Lambda.RuntimeSupport;

/// <summary>The HTTP side of the Runtime API (2018-06-01). The <c>/next</c> poll has no timeout by design.</summary>
public sealed class RuntimeApiClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Connects to <paramref name="endpoint"/> (host:port), or <c>AWS_LAMBDA_RUNTIME_API</c> when null.</summary>
    public RuntimeApiClient(string? endpoint = null)
    {
        endpoint ??= Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
            ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set.");
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{endpoint}/2018-06-01/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("fluoro-lambda-dotnet", "1.0"));
    }

    /// <summary>Waits for the next event.</summary>
    public async Task<InvocationRequest> NextAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("invocation/next", cancellationToken);
        response.EnsureSuccessStatusCode();
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
        return new InvocationRequest
        {
            RequestId = Header("Lambda-Runtime-Aws-Request-Id") ?? throw new InvalidOperationException("The Runtime API sent no request id."),
            DeadlineUnixMs = long.TryParse(Header("Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 0,
            InvokedFunctionArn = Header("Lambda-Runtime-Invoked-Function-Arn") ?? "",
            TraceId = Header("Lambda-Runtime-Trace-Id"),
            ClientContext = Header("Lambda-Runtime-Client-Context"),
            CognitoIdentity = Header("Lambda-Runtime-Cognito-Identity"),
            Payload = payload,
        };
    }

    /// <summary>Posts a handler's result.</summary>
    public async Task SendResponseAsync(string requestId, byte[] body, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync($"invocation/{requestId}/response", content, cancellationToken);
    }

    /// <summary>Posts a handler's failure.</summary>
    public Task SendErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken = default) =>
        PostErrorAsync($"invocation/{requestId}/error", exception, exception.GetType().Name, cancellationToken);

    /// <summary>Reports a failure during init; the runtime should exit afterwards.</summary>
    public Task SendInitErrorAsync(Exception exception, string errorType, CancellationToken cancellationToken = default) =>
        PostErrorAsync("init/error", exception, errorType, cancellationToken);

    private async Task PostErrorAsync(string path, Exception exception, string errorType, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(ErrorDocuments.Body(exception, errorType));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.aws.lambda.error+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        var cause = ErrorDocuments.XRayCause(exception);
        if (Encoding.UTF8.GetByteCount(cause) < 64 * 1024)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-XRay-Error-Cause", cause);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
