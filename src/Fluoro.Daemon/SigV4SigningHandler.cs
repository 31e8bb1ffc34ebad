using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Fluoro.Daemon;

/// <summary>
/// Signs every outgoing request with AWS Signature Version 4 (header form: <c>Authorization</c>, <c>X-Amz-Date</c>,
/// <c>X-Amz-Content-Sha256</c> and, with temporary credentials, <c>X-Amz-Security-Token</c>), so a forwarding daemon
/// is accepted by a Fluoro started with <c>--auth-keys</c> or by any endpoint that checks signatures.
/// The canonical path is the request path as sent, percent-encoded once more, as every service but S3 expects.
/// </summary>
public sealed class SigV4SigningHandler : DelegatingHandler
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    private readonly AwsCredentials _credentials;
    private readonly string _region;
    private readonly string _service;
    private readonly TimeProvider _time;

    /// <summary>Creates a handler that signs for <paramref name="service"/> (X-Ray: <c>xray</c>) in <paramref name="region"/>.</summary>
    public SigV4SigningHandler(AwsCredentials credentials, string region, string service = "xray", TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        _credentials = credentials;
        _region = region;
        _service = service;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Sign(request, body);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Adds the signature headers to <paramref name="request"/> whose body is <paramref name="body"/>.</summary>
    internal void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var now = _time.GetUtcNow().UtcDateTime;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var payloadHash = Hex(SHA256.HashData(body));
        var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";

        request.Headers.Remove("Authorization");
        request.Headers.Remove("X-Amz-Date");
        request.Headers.Remove("X-Amz-Content-Sha256");
        request.Headers.Remove("X-Amz-Security-Token");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", payloadHash);

        // Signed headers, sorted by lower-case name.
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = amzDate,
        };
        if (_credentials.SessionToken is { } token)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
            headers["x-amz-security-token"] = token;
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = new StringBuilder(512)
            .Append(request.Method.Method).Append('\n')
            .Append(CanonicalPath(uri.AbsolutePath)).Append('\n')
            .Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);

        var scope = $"{date}/{_region}/{_service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + _credentials.SecretAccessKey), date);
        key = Hmac(key, _region);
        key = Hmac(key, _service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            Algorithm, $"Credential={_credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static string CanonicalPath(string escapedPath) => escapedPath.Length == 0 ? "/" : Encode(escapedPath, keepSlash: true);

    private static string CanonicalQuery(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add((Encode(Uri.UnescapeDataString(name), keepSlash: false), Encode(Uri.UnescapeDataString(value), keepSlash: false)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(static p => p.Key + "=" + p.Value));
    }

    /// <summary>RFC 3986 unreserved characters stay; every other byte of the UTF-8 form becomes %XX (upper-case hex).</summary>
    private static string Encode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
