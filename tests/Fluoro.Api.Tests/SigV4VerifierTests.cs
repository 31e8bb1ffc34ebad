using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fluoro.Api.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Fluoro.Api.Tests;

public sealed class SigV4VerifierTests
{
    private const string KeyId = "AKIDFLUORO";
    private const string Secret = "s3cr3t/Key+value";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-28T12:29:52Z", CultureInfo.InvariantCulture);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly SigV4Verifier _verifier;

    public SigV4VerifierTests()
    {
        _verifier = new SigV4Verifier(new AccessKeyStore([new(KeyId, Secret), new("other", "x")]), _time);
    }

    [Fact]
    public void CliStyleRequest_WithoutContentSha256Header_Verifies()
    {
        var body = """{"StartTime": 1767225600, "EndTime": 1767229200}"""u8.ToArray();
        var headers = Headers(("Host", "127.0.0.1:4566"), ("Content-Type", "application/json"));
        headers["Authorization"] = TestSigner.Sign(KeyId, Secret, Now, "us-east-1", "xray", "POST", "/TraceSummaries", headers, body);

        var result = Verify("POST", "/TraceSummaries", headers, body);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(KeyId, result.AccessKeyId);
    }

    [Fact]
    public void JsSdkStyleRequest_WithSignedContentSha256_Verifies()
    {
        var body = """{"TraceSegmentDocuments":["{}"]}"""u8.ToArray();
        var headers = Headers(
            ("host", "localhost:4566"),
            ("content-type", "application/json"),
            ("x-amz-content-sha256", TestSigner.Hex(SHA256.HashData(body))),
            ("amz-sdk-invocation-id", "6b4b5b4e-1d7e-4c55-9a52-5b0b8fb0c1e2"),
            ("amz-sdk-request", "attempt=1; max=3"));
        headers["authorization"] = TestSigner.Sign(KeyId, Secret, Now, "us-east-1", "xray", "POST", "/TraceSegments", headers, body);

        Assert.True(Verify("POST", "/TraceSegments", headers, body).IsValid);
    }

    [Fact]
    public void PercentEncodedArnInPath_IsSignedDoubleEncoded()
    {
        const string target = "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Amy-fn%3Alive/invocations";
        var headers = Headers(("Host", "127.0.0.1:4566"));
        headers["Authorization"] = TestSigner.Sign(KeyId, Secret, Now, "us-east-1", "lambda", "POST", target, headers, []);

        Assert.True(Verify("POST", target, headers, []).IsValid);

        // Signed over the path as sent (single encoding), the signature must not verify.
        var single = Headers(("Host", "127.0.0.1:4566"));
        single["Authorization"] = TestSigner.Sign(KeyId, Secret, Now, "us-east-1", "lambda", "POST", target, single, [], doubleEncode: false);
        Assert.Equal(AwsErrorCodes.InvalidSignature, Verify("POST", target, single, []).ErrorCode);
    }

    [Fact]
    public void QueryString_IsCanonicalized()
    {
        const string target = "/2015-03-31/functions/my-fn?Qualifier=%24LATEST";
        var headers = Headers(("Host", "127.0.0.1:4566"));
        headers["Authorization"] = TestSigner.Sign(KeyId, Secret, Now, "us-east-1", "lambda", "GET", target, headers, []);

        Assert.True(Verify("GET", target, headers, []).IsValid);
    }

    [Fact]
    public void PublishedVector_GetVanilla_Verifies()
    {
        // The "get-vanilla" case of AWS's public SigV4 test suite.
        var verifier = new SigV4Verifier(
            new AccessKeyStore([new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")]),
            new FakeTimeProvider(DateTimeOffset.Parse("2015-08-30T12:36:00Z", CultureInfo.InvariantCulture)));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "example.amazonaws.com",
            ["X-Amz-Date"] = "20150830T123600Z",
            ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        };

        var result = verifier.Verify("GET", "/", headers, TestSigner.Hex(SHA256.HashData([])));

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void WrongSecret_IsInvalidSignature()
    {
        var headers = Headers(("Host", "127.0.0.1:4566"));
        headers["Authorization"] = TestSigner.Sign(KeyId, "not-the-secret", Now, "us-east-1", "xray", "POST", "/Traces", headers, "{}"u8.ToArray());

        Assert.Equal(AwsErrorCodes.InvalidSignature, Verify("POST", "/Traces", headers, "{}"u8.ToArray()).ErrorCode);
    }

    [Fact]
    public void TamperedBody_IsInvalidSignature()
    {
        var headers = Headers(("Host", "127.0.0.1:4566"));
        headers["Authorization"] = TestSigner.Sign(KeyId, Secret, Now, "us-east-1", "xray", "POST", "/Traces", headers, "{}"u8.ToArray());

        Assert.Equal(AwsErrorCodes.InvalidSignature, Verify("POST", "/Traces", headers, """{"TraceIds":[]}"""u8.ToArray()).ErrorCode);
    }

    [Fact]
    public void UnknownAccessKey_IsUnrecognizedClient()
    {
        var headers = Headers(("Host", "127.0.0.1:4566"));
        headers["Authorization"] = TestSigner.Sign("AKIDUNKNOWN", Secret, Now, "us-east-1", "xray", "POST", "/Traces", headers, []);

        Assert.Equal(AwsErrorCodes.UnrecognizedClient, Verify("POST", "/Traces", headers, []).ErrorCode);
    }

    [Fact]
    public void NoAuthorization_IsMissingAuthenticationToken()
    {
        Assert.Equal(AwsErrorCodes.MissingAuthenticationToken, Verify("POST", "/Traces", Headers(("Host", "h")), []).ErrorCode);
    }

    [Theory]
    [InlineData(-16, false)]
    [InlineData(16, false)]
    [InlineData(-14, true)]
    [InlineData(14, true)]
    public void ClockSkew_IsLimitedTo15Minutes(int minutes, bool valid)
    {
        var signedAt = Now.AddMinutes(minutes);
        var headers = Headers(("Host", "127.0.0.1:4566"));
        headers["Authorization"] = TestSigner.Sign(KeyId, Secret, signedAt, "us-east-1", "xray", "POST", "/Traces", headers, []);

        var result = Verify("POST", "/Traces", headers, []);

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal(AwsErrorCodes.InvalidSignature, result.ErrorCode);
        }
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDFLUORO/20261128/us-east-1/xray/aws4_request")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDFLUORO, SignedHeaders=host, Signature=00")]
    public void MalformedAuthorization_IsRejectedWithoutThrowing(string authorization)
    {
        var headers = Headers(("Host", "h"), ("X-Amz-Date", "20261128T122952Z"), ("Authorization", authorization));

        Assert.False(Verify("POST", "/Traces", headers, []).IsValid);
    }

    [Fact]
    public void KeysFile_IgnoresCommentsAndRejectsBadLines()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# keys\n\nAKID1 secret1\n  AKID2\tsecret2  \n");
            var store = AccessKeyStore.Load(path);
            Assert.Equal(2, store.Count);
            Assert.True(store.TryGetSecret("AKID2", out var secret));
            Assert.Equal("secret2", secret);

            File.WriteAllText(path, "AKID1 secret1 extra\n");
            var error = Assert.Throws<FormatException>(() => AccessKeyStore.Load(path));
            Assert.Contains(":1:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private SigV4Result Verify(string method, string target, Dictionary<string, string> headers, byte[] body) =>
        _verifier.Verify(method, target, headers, TestSigner.Hex(SHA256.HashData(body)));

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            result[name] = value;
        }

        return result;
    }
}
