namespace Fluoro.Daemon;

/// <summary>Credentials a forwarding daemon signs its calls with (the standard AWS environment variables).</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    /// <summary>
    /// <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and optional <c>AWS_SESSION_TOKEN</c>; null when either
    /// of the first two is missing or empty.
    /// </summary>
    public static AwsCredentials? FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var id = getVariable("AWS_ACCESS_KEY_ID");
        var secret = getVariable("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var token = getVariable("AWS_SESSION_TOKEN");
        return new AwsCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token);
    }

    /// <summary><c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else <c>us-east-1</c>.</summary>
    public static string RegionFromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var region = getVariable("AWS_REGION");
        if (string.IsNullOrEmpty(region))
        {
            region = getVariable("AWS_DEFAULT_REGION");
        }

        return string.IsNullOrEmpty(region) ? "us-east-1" : region;
    }

    /// <summary>Never prints the secret or the token.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
