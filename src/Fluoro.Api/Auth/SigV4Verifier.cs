using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fluoro.Api.Auth;

/// <summary>
/// Checks AWS Signature Version 4 <c>Authorization</c> headers. The canonical request is rebuilt from the raw request
/// target: the path exactly as sent, percent-encoded once more (every service but S3 signs it that way), so a
/// Lambda ARN sent as <c>%3A</c> is signed as <c>%253A</c>; a decoded path would never match.
/// </summary>
public sealed class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>How far a request's X-Amz-Date may be from the server clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    private readonly AccessKeyStore _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier for <paramref name="keys"/>.</summary>
    public SigV4Verifier(AccessKeyStore keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _keys = keys;
        _time = time;
    }

    /// <summary>Verifies a request.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="rawTarget">The request target as sent: path and query, still percent-encoded.</param>
    /// <param name="headers">Request headers; names are matched case-insensitively, repeated values joined with commas.</param>
    /// <param name="payloadSha256Hex">Lower-case hex SHA-256 of the body as received.</param>
    public SigV4Result Verify(string method, string rawTarget, IReadOnlyDictionary<string, string> headers, string payloadSha256Hex)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(rawTarget);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(payloadSha256Hex);

        var authorization = Header(headers, "authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return new SigV4Result(AwsErrorCodes.MissingAuthenticationToken, "Missing Authentication Token");
        }

        if (!TryParseAuthorization(authorization, out var credential, out var signedHeaders, out var signature))
        {
            return new SigV4Result(AwsErrorCodes.InvalidSignature, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' with algorithm AWS4-HMAC-SHA256.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return new SigV4Result(AwsErrorCodes.InvalidSignature, "Credential should be scoped to a valid region, service and aws4_request.");
        }

        var accessKeyId = scope[0];
        if (!_keys.TryGetSecret(accessKeyId, out var secret))
        {
            return new SigV4Result(AwsErrorCodes.UnrecognizedClient, "The security token included in the request is invalid.", accessKeyId);
        }

        var amzDate = Header(headers, "x-amz-date");
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return new SigV4Result(AwsErrorCodes.InvalidSignature, "X-Amz-Date is missing or not in the basic ISO 8601 format (yyyyMMddTHHmmssZ).", accessKeyId);
        }

        var now = _time.GetUtcNow();
        if ((now - signedAt).Duration() > MaxClockSkew)
        {
            return new SigV4Result(
                AwsErrorCodes.InvalidSignature,
                $"Signature expired: {amzDate} is outside 15 minutes of the server time {now:yyyyMMdd'T'HHmmss'Z'}.",
                accessKeyId);
        }

        if (scope[1] != amzDate![..8])
        {
            return new SigV4Result(AwsErrorCodes.InvalidSignature, "Credential date does not match X-Amz-Date.", accessKeyId);
        }

        var signedHeaderNames = signedHeaders.Split(';');
        if (!signedHeaderNames.Contains("host", StringComparer.Ordinal))
        {
            return new SigV4Result(AwsErrorCodes.InvalidSignature, "The host header must be signed.", accessKeyId);
        }

        var declaredHash = Header(headers, "x-amz-content-sha256");
        string payloadHash;
        if (string.IsNullOrEmpty(declaredHash))
        {
            payloadHash = payloadSha256Hex;
        }
        else if (declaredHash == "UNSIGNED-PAYLOAD")
        {
            payloadHash = declaredHash;
        }
        else if (!string.Equals(declaredHash, payloadSha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            return new SigV4Result(AwsErrorCodes.InvalidSignature, "x-amz-content-sha256 does not match the body received.", accessKeyId);
        }
        else
        {
            payloadHash = declaredHash;
        }

        var canonicalRequest = BuildCanonicalRequest(method, rawTarget, headers, signedHeaderNames, signedHeaders, payloadHash);
        var stringToSign = string.Join('\n', Algorithm, amzDate, string.Join('/', scope[1], scope[2], scope[3], scope[4]), Sha256Hex(canonicalRequest));
        var expected = ComputeSignature(secret, scope[1], scope[2], scope[3], stringToSign);
        var provided = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), provided))
        {
            return new SigV4Result(
                AwsErrorCodes.InvalidSignature,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
                accessKeyId);
        }

        return new SigV4Result(null, "OK", accessKeyId);
    }

    /// <summary>Builds the canonical request text (exposed for diagnostics and tests).</summary>
    public static string BuildCanonicalRequest(
        string method, string rawTarget, IReadOnlyDictionary<string, string> headers, IReadOnlyList<string> signedHeaderNames, string signedHeaders, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(signedHeaderNames);
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];

        var builder = new StringBuilder(256);
        builder.Append(method).Append('\n');
        builder.Append(rawPath.Length == 0 ? "/" : UriEncode(rawPath, keepSlash: true)).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaderNames)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(Header(headers, name) ?? "")).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>Percent-encodes everything but the RFC 3986 unreserved characters (and '/' when asked), upper-case hex.</summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
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

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(key), keepSlash: false), UriEncode(Uri.UnescapeDataString(value), keepSlash: false)));
        }

        pairs.Sort((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    private static string CanonicalHeaderValue(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        var lastWasSpace = false;
        foreach (var c in trimmed)
        {
            if (c == ' ')
            {
                if (!lastWasSpace)
                {
                    builder.Append(c);
                }

                lastWasSpace = true;
            }
            else
            {
                builder.Append(c);
                lastWasSpace = false;
            }
        }

        return builder.ToString();
    }

    private static bool TryParseAuthorization(string authorization, out string credential, out string signedHeaders, out string signature)
    {
        credential = signedHeaders = signature = "";
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in authorization[(Algorithm.Length + 1)..].Split(','))
        {
            var item = part.Trim();
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var value = item[(equals + 1)..].Trim();
            switch (item[..equals].Trim())
            {
                case "Credential":
                    credential = value;
                    break;
                case "SignedHeaders":
                    signedHeaders = value;
                    break;
                case "Signature":
                    signature = value;
                    break;
            }
        }

        return credential.Length > 0 && signedHeaders.Length > 0 && signature.Length > 0;
    }

    private static string ComputeSignature(string secret, string date, string region, string service, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value : null;
}
