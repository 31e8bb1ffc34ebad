namespace Fluoro.EndToEnd.Tests;

/// <summary>
/// The real AWS clients these tests drive. When one is missing the test is skipped locally with a reason, but in CI
/// (<c>CI=true</c>) it fails: CI must have run ./test.sh, which installs them.
/// </summary>
internal static class Peers
{
    public const string AwsCli = "/usr/bin/aws";

    public static string PeersDirectory => Path.Combine(Fluoro.Testing.TestPaths.RepositoryRoot, "tests", "e2e-peers");

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void RequireAwsCli()
    {
        if (!File.Exists(AwsCli))
        {
            Unavailable($"{AwsCli} (AWS CLI v2, apt-get install awscli) is not installed");
        }
    }

    public static void RequireNodePeers()
    {
        if (FindOnPath("node") is null)
        {
            Unavailable("node is not installed");
        }

        if (!Directory.Exists(Path.Combine(PeersDirectory, "node_modules", "aws-xray-sdk-core"))
            || !Directory.Exists(Path.Combine(PeersDirectory, "node_modules", "@aws-sdk", "client-xray")))
        {
            Unavailable("tests/e2e-peers/node_modules is missing (run: cd tests/e2e-peers && npm ci)");
        }
    }

    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Unavailable(string reason)
    {
        if (InCi)
        {
            Assert.Fail(reason + " (CI=true, so this is a failure, not a skip)");
        }

        Assert.Skip(reason);
    }
}
