using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fluoro.Lambda.Execution;
using Fluoro.Lambda.Storage;
using Fluoro.Lambda.Tracing;
using Microsoft.AspNetCore.Http;

namespace Fluoro.Lambda.Api;

/// <summary>
/// Function URLs (AuthType NONE): the config operations of API 2021-10-31, and the URLs themselves, served on
/// the edge port under <c>/lambda-url/{url-id}/</c> with the API Gateway v2 (payload 2.0) event and response mapping.
/// </summary>
internal sealed partial class LambdaApi
{
    public const string UrlPrefix = "/lambda-url/";

    public string FunctionUrl(FunctionUrlConfig url) => new Uri(options.EdgeBaseUrl, UrlPrefix + url.UrlId + "/").ToString();

    public Task CreateFunctionUrl(HttpContext context) => WithFunctionAsync(context, 64 * 1024, async (entry, root) =>
    {
        var authType = GetString(root, "AuthType");
        if (authType != "NONE")
        {
            await LambdaErrors.Invalid(context, $"AuthType '{authType}' is not supported by Fluoro; use NONE.");
            return;
        }

        if (entry.Url is not null)
        {
            await LambdaErrors.Conflict(context, $"Failed to create function url config for [functionArn = {FunctionArn(entry.Name)}]. Error message:  FunctionUrlConfig exists for this Lambda function");
            return;
        }

        var now = Now();
        var url = new FunctionUrlConfig
        {
            UrlId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Qualifier = (string?)context.Request.Query["Qualifier"] is { Length: > 0 } q ? q : null,
            CreationTime = now,
            LastModifiedTime = now,
        };
        store.Update(entry, e => e.Url = url);
        await WriteJsonAsync(context, 201, w => WriteUrl(w, entry, url, includeModified: false));
    });

    public Task GetFunctionUrl(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        if (entry.Url is not { } url)
        {
            await LambdaErrors.NotFound(context, "The resource you requested does not exist.");
            return;
        }

        await WriteJsonAsync(context, 200, w => WriteUrl(w, entry, url, includeModified: true));
    });

    public Task UpdateFunctionUrl(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        if (entry.Url is not { } url)
        {
            await LambdaErrors.NotFound(context, "The resource you requested does not exist.");
            return;
        }

        using var doc = await ReadJsonAsync(context, 64 * 1024, allowEmpty: true);
        if (doc is not null && GetString(doc.RootElement, "AuthType") is { } authType && authType != "NONE")
        {
            await LambdaErrors.Invalid(context, $"AuthType '{authType}' is not supported by Fluoro; use NONE.");
            return;
        }

        var updated = url with { LastModifiedTime = Now() };
        store.Update(entry, e => e.Url = updated);
        await WriteJsonAsync(context, 200, w => WriteUrl(w, entry, updated, includeModified: true));
    });

    /// <summary>ListFunctionUrlConfigs: Fluoro keeps at most one URL per function, so this is one page of zero or one.</summary>
    public Task ListFunctionUrls(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("FunctionUrlConfigs");
            if (entry.Url is { } url)
            {
                WriteUrl(w, entry, url, includeModified: true);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    });

    public Task DeleteFunctionUrl(HttpContext context) => WithFunctionAsync(context, async entry =>
    {
        if (entry.Url is null)
        {
            await LambdaErrors.NotFound(context, "The resource you requested does not exist.");
            return;
        }

        store.Update(entry, e => e.Url = null);
        context.Response.StatusCode = 204;
    });

    private void WriteUrl(Utf8JsonWriter w, FunctionEntry entry, FunctionUrlConfig url, bool includeModified)
    {
        w.WriteStartObject();
        w.WriteString("FunctionUrl", FunctionUrl(url));
        w.WriteString("FunctionArn", url.Qualifier is null ? FunctionArn(entry.Name) : FunctionArn(entry.Name) + ":" + url.Qualifier);
        w.WriteString("AuthType", url.AuthType);
        w.WriteString("CreationTime", url.CreationTime);
        if (includeModified)
        {
            w.WriteString("LastModifiedTime", url.LastModifiedTime);
        }

        w.WriteString("InvokeMode", "BUFFERED");
        w.WriteEndObject();
    }

    /// <summary>Serves a function URL request: HTTP → payload 2.0 event → invoke → HTTP response.</summary>
    public async Task ServeFunctionUrl(HttpContext context)
    {
        var receivedAt = time.GetUtcNow();
        var urlId = context.Request.RouteValues["urlId"] as string;
        var entry = store.List().FirstOrDefault(e => e.Url?.UrlId == urlId);
        if (entry?.Url is not { } url)
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"Message\":null}");
            return;
        }

        var config = url.Qualifier is null or "$LATEST"
            ? entry.Latest
            : entry.Versions.FirstOrDefault(v => v.Version == url.Qualifier)
              ?? entry.Aliases.Where(a => a.Name == url.Qualifier).Select(a => a.FunctionVersion == "$LATEST" ? entry.Latest : entry.Versions.FirstOrDefault(v => v.Version == a.FunctionVersion)).FirstOrDefault()
              ?? entry.Latest;
        var body = await FunctionInstance.ReadBoundedAsync(context.Request, FunctionInstance.MaxPayloadBytes - 64 * 1024);
        if (body is null)
        {
            context.Response.StatusCode = 413;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"Message\":\"Request Entity Too Large\"}");
            return;
        }

        var requestId = Guid.NewGuid().ToString();
        var incomingTrace = context.Request.Headers[Fluoro.Tracing.TraceHeader.HeaderName].ToString();
        var trace = runtime.DecideTrace(config, incomingTrace, receivedAt);
        var returnedTrace = $"Root={trace.Root};Sampled={(trace.Sampled ? "1" : "0")}";
        var payload = FunctionUrlEvent(context, urlId!, requestId, body, receivedAt, trace.RuntimeHeader(trace.ServiceSegmentId));
        var request = new InvokeRequest
        {
            Entry = entry,
            Config = config,
            InvokedArn = url.Qualifier is null ? FunctionArn(entry.Name) : FunctionArn(entry.Name) + ":" + url.Qualifier,
            Payload = payload,
            TraceHeader = incomingTrace,
        };
        var result = await runtime.RunAsync(request, requestId, trace, new AttemptTrace(), trace.ServiceSegmentId, context.RequestAborted);
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = requestId;
        response.Headers[Fluoro.Tracing.TraceHeader.HeaderName] = returnedTrace;
        int status;
        if (result.Throttled || result.Outcome is null)
        {
            status = 429;
            response.StatusCode = status;
            response.ContentType = "application/json";
            await response.WriteAsync("{\"Message\":\"Rate Exceeded.\"}");
        }
        else if (result.Outcome.IsError)
        {
            status = 502;
            response.StatusCode = status;
            response.ContentType = "application/json";
            await response.WriteAsync("{\"Message\":\"Internal Server Error\"}");
        }
        else
        {
            status = await WriteUrlResponseAsync(response, result.Outcome.Body);
        }

        runtime.EmitServiceSegment(trace, config, requestId, status, receivedAt, time.GetUtcNow(), []);
    }

    private static byte[] FunctionUrlEvent(HttpContext context, string urlId, string requestId, byte[] body, DateTimeOffset now, string traceHeader)
    {
        var request = context.Request;
        var rawPath = request.RouteValues["path"] is string p ? "/" + p : "/";
        var isText = body.Length == 0 || IsTextual(request.ContentType);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("version", "2.0");
            w.WriteString("routeKey", "$default");
            w.WriteString("rawPath", rawPath);
            w.WriteString("rawQueryString", request.QueryString.HasValue ? request.QueryString.Value![1..] : "");
            var cookies = request.Headers.Cookie.ToString();
            if (cookies.Length > 0)
            {
                w.WriteStartArray("cookies");
                foreach (var cookie in cookies.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    w.WriteStringValue(cookie);
                }

                w.WriteEndArray();
            }

            w.WriteStartObject("headers");
            foreach (var (name, values) in request.Headers)
            {
                if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                w.WriteString(name.ToLowerInvariant(), name.Equals(Fluoro.Tracing.TraceHeader.HeaderName, StringComparison.OrdinalIgnoreCase) ? traceHeader : string.Join(',', values.ToArray()));
            }

            if (!request.Headers.ContainsKey(Fluoro.Tracing.TraceHeader.HeaderName))
            {
                w.WriteString("x-amzn-trace-id", traceHeader);
            }

            w.WriteEndObject();
            if (request.Query.Count > 0)
            {
                w.WriteStartObject("queryStringParameters");
                foreach (var (name, values) in request.Query)
                {
                    w.WriteString(name, string.Join(',', values.ToArray()));
                }

                w.WriteEndObject();
            }

            w.WriteStartObject("requestContext");
            w.WriteString("accountId", "anonymous");
            w.WriteString("apiId", urlId);
            w.WriteString("domainName", request.Host.Value);
            w.WriteString("domainPrefix", urlId);
            w.WriteStartObject("http");
            w.WriteString("method", request.Method);
            w.WriteString("path", rawPath);
            w.WriteString("protocol", request.Protocol);
            w.WriteString("sourceIp", context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            w.WriteString("userAgent", request.Headers.UserAgent.ToString());
            w.WriteEndObject();
            w.WriteString("requestId", requestId);
            w.WriteString("routeKey", "$default");
            w.WriteString("stage", "$default");
            w.WriteString("time", now.ToString("dd'/'MMM'/'yyyy':'HH':'mm':'ss' +0000'", CultureInfo.InvariantCulture));
            w.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
            w.WriteEndObject();
            if (body.Length > 0)
            {
                w.WriteString("body", isText ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body));
            }

            w.WriteBoolean("isBase64Encoded", !isText);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool IsTextual(string? contentType) =>
        contentType is null
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A result with <c>statusCode</c> is an HTTP response description; anything else is returned as a
    /// 200 JSON body, as function URLs and HTTP APIs do.
    /// </summary>
    private static async Task<int> WriteUrlResponseAsync(HttpResponse response, byte[] result)
    {
        try
        {
            using var doc = JsonDocument.Parse(result.Length == 0 ? "null"u8.ToArray() : result);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statusCode", out var statusElement) && statusElement.TryGetInt32(out var status))
            {
                response.StatusCode = status;
                if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
                {
                    foreach (var header in headers.EnumerateObject())
                    {
                        response.Headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() : header.Value.GetRawText();
                    }
                }

                if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
                {
                    foreach (var cookie in cookies.EnumerateArray())
                    {
                        response.Headers.Append("Set-Cookie", cookie.GetString());
                    }
                }

                if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind == JsonValueKind.String)
                {
                    var text = bodyElement.GetString()!;
                    var base64 = root.TryGetProperty("isBase64Encoded", out var b) && b.ValueKind == JsonValueKind.True;
                    var bytes = base64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
                    if (!response.Headers.ContainsKey("Content-Type"))
                    {
                        response.ContentType = "application/json";
                    }

                    await response.Body.WriteAsync(bytes);
                }

                return status;
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            response.StatusCode = 502;
            response.ContentType = "application/json";
            await response.WriteAsync("{\"Message\":\"Internal Server Error\"}");
            return 502;
        }

        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(result);
        return 200;
    }
}
