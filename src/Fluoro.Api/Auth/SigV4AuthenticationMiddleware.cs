using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Fluoro.Api.Auth;

/// <summary>
/// Refuses AWS API requests whose SigV4 signature does not verify. Applied to the whole edge port by the server;
/// <see cref="SigV4AuthenticationOptions.IsExempt"/> lets health checks and the console's static files through, and
/// <see cref="SigV4AuthenticationOptions.IsAuthenticatedOtherwise"/> the console's signed-in API calls.
/// </summary>
public sealed class SigV4AuthenticationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SigV4Verifier _verifier;
    private readonly SigV4AuthenticationOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the middleware.</summary>
    public SigV4AuthenticationMiddleware(RequestDelegate next, SigV4AuthenticationOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _next = next;
        _options = options;
        _verifier = new SigV4Verifier(options.Keys, time);
        _logger = loggerFactory.CreateLogger("Fluoro.Api.Auth");
    }

    /// <summary>Verifies the request, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_options.IsExempt(context.Request) || _options.IsAuthenticatedOtherwise(context.Request))
        {
            await _next(context);
            return;
        }

        // The body is read twice: once here for its hash, once by the endpoint.
        context.Request.EnableBuffering();
        string payloadHash;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }

            payloadHash = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        context.Request.Body.Position = 0;

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = string.Join(',', values.ToArray());
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            rawTarget = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        var result = _verifier.Verify(context.Request.Method, rawTarget, headers, payloadHash);
        if (!result.IsValid)
        {
            Log.AuthenticationRejected(_logger, context.Request.Method, rawTarget, result.ErrorCode!, result.Message);
            await AwsErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, result.ErrorCode!, result.Message);
            return;
        }

        await _next(context);
    }
}
