using System.Collections.Frozen;

namespace Fluoro.FilterExpressions;

/// <summary>Spelling and type of each <see cref="FilterKeyword"/>.</summary>
public static class FilterKeywords
{
    private static readonly (FilterKeyword Keyword, string Text, KeywordKind Kind)[] Table =
    [
        (FilterKeyword.Ok, "ok", KeywordKind.Boolean),
        (FilterKeyword.Error, "error", KeywordKind.Boolean),
        (FilterKeyword.Throttle, "throttle", KeywordKind.Boolean),
        (FilterKeyword.Fault, "fault", KeywordKind.Boolean),
        (FilterKeyword.Partial, "partial", KeywordKind.Boolean),
        (FilterKeyword.Inferred, "inferred", KeywordKind.Boolean),
        (FilterKeyword.First, "first", KeywordKind.Boolean),
        (FilterKeyword.Last, "last", KeywordKind.Boolean),
        (FilterKeyword.Remote, "remote", KeywordKind.Boolean),
        (FilterKeyword.Root, "root", KeywordKind.Boolean),
        (FilterKeyword.ResponseTime, "responsetime", KeywordKind.Number),
        (FilterKeyword.Duration, "duration", KeywordKind.Number),
        (FilterKeyword.HttpStatus, "http.status", KeywordKind.Number),
        (FilterKeyword.Index, "index", KeywordKind.Number),
        (FilterKeyword.Coverage, "coverage", KeywordKind.Number),
        (FilterKeyword.HttpUrl, "http.url", KeywordKind.String),
        (FilterKeyword.HttpMethod, "http.method", KeywordKind.String),
        (FilterKeyword.HttpUserAgent, "http.useragent", KeywordKind.String),
        (FilterKeyword.HttpClientIp, "http.clientip", KeywordKind.String),
        (FilterKeyword.User, "user", KeywordKind.String),
        (FilterKeyword.Name, "name", KeywordKind.String),
        (FilterKeyword.Type, "type", KeywordKind.String),
        (FilterKeyword.Message, "message", KeywordKind.String),
        (FilterKeyword.AvailabilityZone, "availabilityzone", KeywordKind.String),
        (FilterKeyword.InstanceId, "instance.id", KeywordKind.String),
        (FilterKeyword.ResourceArn, "resource.arn", KeywordKind.String),
        (FilterKeyword.AccountId, "account.id", KeywordKind.String),
    ];

    private static readonly FrozenDictionary<string, FilterKeyword> ByText =
        Table.ToFrozenDictionary(e => e.Text, e => e.Keyword, StringComparer.OrdinalIgnoreCase);

    /// <summary>All keywords in declaration order.</summary>
    public static IReadOnlyList<FilterKeyword> All { get; } = [.. Table.Select(e => e.Keyword)];

    /// <summary>The canonical lower-case spelling, e.g. <c>http.status</c>.</summary>
    public static string TextOf(FilterKeyword keyword) => Table[(int)keyword].Text;

    public static KeywordKind KindOf(FilterKeyword keyword) => Table[(int)keyword].Kind;

    /// <summary>Case-insensitive lookup (<c>responseTime</c> and <c>responsetime</c> are the same keyword).</summary>
    public static bool TryParse(string text, out FilterKeyword keyword) => ByText.TryGetValue(text, out keyword);
}
