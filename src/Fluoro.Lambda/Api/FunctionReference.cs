using System.Text.RegularExpressions;

namespace Fluoro.Lambda.Api;

/// <summary>
/// A FunctionName path parameter: a bare name, <c>name:qualifier</c>, a partial ARN
/// (<c>account:function:name</c>) or a full ARN, each with an optional qualifier.
/// </summary>
internal sealed partial record FunctionReference(string Name, string? Qualifier)
{
    [GeneratedRegex("^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}$")]
    private static partial Regex NamePattern();

    public static bool TryParse(string? text, out FunctionReference reference)
    {
        reference = new FunctionReference("", null);
        if (string.IsNullOrEmpty(text) || text.Length > 170)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var name = match.Groups[7].Value;
        if (!NamePattern().IsMatch(name))
        {
            return false;
        }

        reference = new FunctionReference(name, match.Groups[9].Success ? match.Groups[9].Value : null);
        return true;
    }

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);
}
