using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fluoro.Api.Tests;

/// <summary>
/// An independent SigV4 signer for the tests, written from the algorithm description rather than from the verifier:
/// canonical URI = each raw path segment escaped again with <see cref="Uri.EscapeDataString(string)"/>.
/// </summary>
internal static class TestSigner
{
    public static string Sign(
        string accessKey, string secret, DateTimeOffset when, string region, string service,
        string method, string rawTarget, IDictionary<string, string> headers, byte[] body, bool doubleEncode = true)
    {
        var amzDate = when.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        headers["X-Amz-Date"] = amzDate;

        var split = rawTarget.Split('?', 2);
        var path = split[0];
        var canonicalUri = doubleEncode ? string.Join("/", path.Split('/').Select(Uri.EscapeDataString)) : path;
        var canonicalQuery = split.Length < 2 ? "" : string.Join("&", split[1].Split('&')
            .Select(p => p.Split('=', 2))
            .Select(kv => (K: Uri.EscapeDataString(Uri.UnescapeDataString(kv[0])), V: Uri.EscapeDataString(Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""))))
            .OrderBy(kv => kv.K, StringComparer.Ordinal)
            .Select(kv => kv.K + "=" + kv.V));

        var sorted = headers.OrderBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal).ToList();
        var canonicalHeaders = string.Concat(sorted.Select(h => h.Key.ToLowerInvariant() + ":" + h.Value.Trim() + "\n"));
        var signedHeaders = string.Join(";", sorted.Select(h => h.Key.ToLowerInvariant()));
        var payloadHash = headers.TryGetValue("x-amz-content-sha256", out var declared) ? declared : Hex(SHA256.HashData(body));

        var canonicalRequest = $"{method}\n{canonicalUri}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var kDate = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        var kRegion = Hmac(kDate, region);
        var kService = Hmac(kRegion, service);
        var kSigning = Hmac(kService, "aws4_request");
        var signature = Hex(Hmac(kSigning, stringToSign));
        return $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
